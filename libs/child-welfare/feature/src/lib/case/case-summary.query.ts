import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { caseSummaryClassification } from '@linkages/child-welfare-domain';
import { CaseRepository } from '@linkages/child-welfare-data-access';
import { decideCwsDisclosure, redact } from '@linkages/platform-access';
import { CaseworkAudit } from '../casework-audit';
import type { Ctx } from '../casework.context';
import { CaseViews } from '../views/case.view';

/**
 * The case as the reader's agency may see it (RULES.md 5): child welfare the whole summary, CalWORKs staff of the
 * county the WIC 10850 minimum (ids, the case's facts and court dates; not the placement). Audited as a share.
 */
@Injectable()
export class CaseSummaryQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string) {
    const kase = await this.cases.byId(this.dataSource.manager, caseId);
    const decision = kase ? decideCwsDisclosure(ctx.principal, { county: kase.countyCode }, [], new Date()) : undefined;
    if (!kase || !decision?.allowed) return this.audit.deny(ctx, 'case', caseId);
    const view = await this.views.of(this.dataSource.manager, kase);
    await this.audit.append(ctx, {
      action: ctx.principal.agency === 'cws' ? 'read' : 'share',
      recordType: 'case',
      recordId: caseId,
      recordCounty: kase.countyCode,
      purpose: 'case summary',
      authority: decision.basis ?? null,
      outcome: 'allowed',
      details: { classes: decision.classes },
    });
    return {
      ...redact(view, caseSummaryClassification, decision),
      disclosure: { basis: decision.basis, citation: decision.citation, classes: decision.classes },
    };
  }
}
