import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnHomeRefusal } from '@linkages/child-welfare-domain';
import { RemovalRepository } from '@linkages/child-welfare-data-access';
import { OutboxWriter } from '@linkages/platform-messaging';
import { childReunifiedEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { shareEvent } from '../share-event';
import { CaseViews } from '../views/case.view';
import type { ReturnHomeInput } from './case.schemas';

/** A removed child returned home (reunified or trial home visit). */
@Injectable()
export class ReturnHome {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly removals: RemovalRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: ReturnHomeInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      const removal = await this.removals.currentOf(tx, caseId, input.childId);
      refuse(returnHomeRefusal(removal, input.returnedOn));
      await this.removals.markReturned(tx, (removal as { id: string }).id, input.returnedOn);
      await shareEvent(
        this.outbox,
        tx,
        childReunifiedEvent,
        {
          familyId: kase.familyId,
          childId: input.childId,
          caseId,
          removalId: (removal as { id: string }).id,
          returnedOn: input.returnedOn,
          trialHomeVisit: input.trialHomeVisit,
        },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { returnedHome: true });
      return this.views.of(tx, kase);
    });
  }
}
