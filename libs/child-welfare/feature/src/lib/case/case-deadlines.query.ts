import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TrackedDeadlines, type ClockView } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { CaseworkRecords } from '../casework-records';

/** Every clock of the case (and of the referral it came from), each with why it is due when it is (audited read). */
@Injectable()
export class CaseDeadlinesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, caseId: string): Promise<ClockView[]> {
    const kase = await this.records.case(this.dataSource.manager, ctx, caseId);
    await this.audit.read(ctx, 'case-deadlines', caseId, kase.countyCode, 'view deadlines');
    return this.deadlines.views(this.dataSource.manager, [kase.id, ...(kase.referralId ? [kase.referralId] : [])]);
  }
}
