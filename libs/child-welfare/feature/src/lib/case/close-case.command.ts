import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { closeRefusal } from '@linkages/child-welfare-domain';
import { CaseRepository } from '@linkages/child-welfare-data-access';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { CaseViews } from '../views/case.view';
import { CaseLifecycle } from './case-lifecycle';
import type { CloseCaseInput } from './case.schemas';

/** Closes the case: its open deadlines are cancelled. */
@Injectable()
export class CloseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: CloseCaseInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      refuse(closeRefusal(kase, input.closedOn));
      await this.lifecycle.close(tx, ctx, kase, input.closedOn, input.reason);
      await this.cases.save(tx, kase);
      await this.audit.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { closed: input.reason });
      return this.views.of(tx, kase);
    });
  }
}
