import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { clockMetByDisposition, dispositionRefusal } from '@linkages/child-welfare-domain';
import { CwsReferralRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { referralView } from '../views/referral.view';
import type { DispositionInput } from './referral.schemas';

/** The investigation's disposition (substantiated, inconclusive, unfounded): meets the disposition deadline. */
@Injectable()
export class RecordDisposition {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly referrals: CwsReferralRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: DispositionInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(dispositionRefusal(referral));
      Object.assign(referral, { disposition: input.disposition, dispositionAt: new Date(input.decidedAt) });
      await this.referrals.save(tx, referral);
      await this.deadlines.satisfy(tx, referral.id, clockMetByDisposition, ctx.principal.subject, input.decidedAt);
      await this.audit.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { disposition: input.disposition });
      return referralView(referral);
    });
  }
}
