import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readSnapshot } from '@linkages/platform-persistence';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { FrProcesses } from './fr-processes';

/** A removal's FR process in the caller's county: temporary absence, window, AB 429, refusals, every clock explained. */
@Injectable()
export class FrRemovalQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly processes: FrProcesses,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, removalId: string) {
    // One snapshot: a step that commits between the reads would otherwise show its window beside the step before it.
    return readSnapshot(this.dataSource, async (tx) => {
      const removal = await this.processes.removal(tx, ctx, removalId);
      await this.audit.read(ctx, 'fr-removal', removal.removalId, removal.countyCode, 'view FR aid window');
      return this.processes.view(tx, removal);
    });
  }
}
