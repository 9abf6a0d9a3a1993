import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { recordRedeterminationUpdate } from '@linkages/calworks-workflows';
import { staffIdOf } from '@linkages/platform-access';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { FrProcesses } from './fr-processes';
import type { RedeterminationInput } from './fr-window.schemas';

/**
 * The eligibility worker completed an AB 429 redetermination (RULES.md 4, "Reporting (AB 429)": every 6 months,
 * aligned with the reunification-plan review). The process meets the oldest open round's clock on that date; after an
 * on-time one, the next six months count from it (the rule's anchor). A late one meets the overdue round and leaves
 * the next, already running from the overdue round's due date, as it is.
 */
@Injectable()
export class RecordRedetermination {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processes: FrProcesses,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, removalId: string, input: RedeterminationInput) {
    const removal = await this.processes.removal(this.dataSource.manager, ctx, removalId);
    await this.processes.update(removalId, recordRedeterminationUpdate, {
      completedOn: input.completedOn,
      by: staffIdOf(ctx.principal.subject),
    });
    await this.dataSource.transaction((t) =>
      this.audit.record(t, ctx, 'update', 'fr-removal', removalId, removal.countyCode, { step: 'ab429-redetermination' }),
    );
    return this.processes.reread(ctx, removalId);
  }
}
