import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PersonCircumstancesEntity, PlanRepository } from '@linkages/referrals-data-access';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { PlanAudit } from './plan-audit';
import { PlanEvaluator } from './plan-evaluator';
import type { RecordCircumstances } from './plan.schemas';
import { ReadPlanQuery } from './read-plan.query';
import type { PlanView } from './plan.view';

/** A person's circumstances (transport, licence, transit, child care) as either agency's worker knows them now; the plan is re-evaluated. */
@Injectable()
export class RecordCircumstancesCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly plans: PlanRepository,
    private readonly evaluator: PlanEvaluator,
    private readonly audit: PlanAudit,
    private readonly readPlan: ReadPlanQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, body: RecordCircumstances): Promise<PlanView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record circumstances');
    const now = new Date();
    await this.dataSource.transaction(async (tx) => {
      await this.plans.saveCircumstances(
        tx,
        Object.assign(new PersonCircumstancesEntity(), {
          ...body,
          familyId: family.familyId,
          countyCode: family.countyCode,
          recordedBy: ctx.principal.subject,
          recordedAt: now,
        }),
      );
      const flagged = await this.evaluator.evaluate(tx, family, ctx.correlationId, now);
      await this.audit.record(tx, ctx, family, 'update', 'person-circumstances', body.personRecordId, { conflictsFlagged: flagged.length });
    });
    return this.readPlan.execute(ctx, family.familyId);
  }
}
