import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readSnapshot } from '@linkages/platform-persistence';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { CaseworkRecords } from '../casework-records';
import { CaseViews } from '../views/case.view';

/** A case of the caller's county: type, court timeline, removals (audited read). */
@Injectable()
export class CaseQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string) {
    return readSnapshot(this.dataSource, async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId);
      await this.audit.read(ctx, 'case', caseId, kase.countyCode, 'view case');
      return this.views.of(tx, kase);
    });
  }
}
