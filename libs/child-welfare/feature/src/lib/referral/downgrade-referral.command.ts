import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { downgradeClocks, downgradeRefusal } from '@linkages/child-welfare-domain';
import { CwsReferralRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import { openClock, referralSubject } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { referralView } from '../views/referral.view';
import type { DowngradeInput } from './referral.schemas';

/** Immediate → 10-day, before contact, with supervisor (the caller) and manager approval (county rule). */
@Injectable()
export class DowngradeReferral {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly referrals: CwsReferralRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: DowngradeInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(downgradeRefusal(referral));
      referral.responsePriority = '10-day';
      referral.downgrade = {
        by: ctx.principal.subject,
        managerApproval: input.managerApproval,
        reason: input.reason,
        at: input.approvedAt,
      };
      await this.referrals.save(tx, referral);
      const clocks = downgradeClocks(referral);
      await this.deadlines.cancel(tx, referral.id, clocks.cancel.purpose, clocks.cancel.reasonCode, ctx.principal.subject);
      await openClock(this.deadlines, tx, referralSubject(referral), clocks.open);
      await this.audit.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { downgrade: 'immediate→10-day' });
      return referralView(referral);
    });
  }
}
