import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { CaseworkRecords } from '../casework-records';
import { referralView } from '../views/referral.view';

/** A referral with its emergency-response deadlines and their explanations (audited read). */
@Injectable()
export class ReferralQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, referralId: string) {
    const referral = await this.records.referral(this.dataSource.manager, ctx, referralId);
    await this.audit.read(ctx, 'cws-referral', referralId, referral.countyCode, 'view referral');
    return { ...referralView(referral), deadlines: await this.deadlines.views(this.dataSource.manager, [referral.id]) };
  }
}
