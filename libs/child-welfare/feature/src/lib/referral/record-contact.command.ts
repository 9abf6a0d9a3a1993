import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { contactRefusal, firstContactClocks } from '@linkages/child-welfare-domain';
import { CwsReferralRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import { openClock, referralSubject } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { referralView } from '../views/referral.view';
import type { ContactInput } from './referral.schemas';

/** In-person contact: the first one meets the response deadline and starts an investigation's 30-day disposition clock. */
@Injectable()
export class RecordContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly referrals: CwsReferralRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: ContactInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(contactRefusal(referral, input.madeAt));
      if (input.childId) await this.records.childOf(tx, referral.familyId, input.childId);
      const clocks = firstContactClocks(referral, input.madeAt);
      if (!referral.firstContactAt) {
        referral.firstContactAt = new Date(input.madeAt);
        await this.referrals.save(tx, referral);
        for (const purpose of clocks.satisfy) await this.deadlines.satisfy(tx, referral.id, purpose, ctx.principal.subject, input.madeAt);
        for (const clock of clocks.open) await openClock(this.deadlines, tx, referralSubject(referral), clock);
      }
      await this.audit.record(tx, ctx, 'update', 'cws-referral', referral.id, referral.countyCode, { contact: true });
      return referralView(referral);
    });
  }
}
