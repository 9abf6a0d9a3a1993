import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '@linkages/platform-auth';
import { refusedWrite } from '@linkages/platform-http';
import { PlanRepository } from '@linkages/referrals-data-access';
import { activityDisclosure, wtwCountRefusal, type PlanWithheldReason } from '@linkages/referrals-domain';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { PlanAudit } from './plan-audit';
import { PlanEvaluator } from './plan-evaluator';
import type { WtwCountDecision } from './plan.schemas';
import { ReadPlanQuery } from './read-plan.query';
import type { PlanView } from './plan.view';

const PURPOSE = 'decide WTW count';

/**
 * The CalWORKs worker decides whether a CWS activity counts toward WTW participation (WIC 11322.6): only a CWS
 * activity of a countable type, once; the marking as candidate is never the decision. Refusals change nothing (409).
 * A CWS activity the caller may see only as a schedule block (no authority covering its treatment category, or a
 * substance-use item without a consent naming SUD records) is answered as absent (404, audited denial): a refusal's
 * reason would tell its type.
 */
@Injectable()
export class DecideWtwCountCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly plans: PlanRepository,
    private readonly evaluator: PlanEvaluator,
    private readonly audit: PlanAudit,
    private readonly readPlan: ReadPlanQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, activityId: string, body: WtwCountDecision): Promise<PlanView> {
    const family = await this.familyInCounty.find(ctx, familyId, PURPOSE);
    if (ctx.principal.agency !== 'calworks')
      throw refusedWrite('impossible-sequence', 'Whether an activity counts toward WTW participation is decided by CalWORKs staff');
    const now = new Date();
    const hidden = await this.dataSource.transaction(async (tx): Promise<PlanWithheldReason | undefined> => {
      const activity = await this.plans.activityForUpdate(tx, family.familyIds, activityId);
      if (!activity) throw notFound('plan activity');
      const { policy } = await this.readPlan.policyOf(tx, ctx, family, PURPOSE);
      const shown = activityDisclosure(policy, activity);
      if (shown.shown !== 'whole') return shown.withheld ?? 'no-detail-authority';
      const refused = wtwCountRefusal(activity, this.evaluator.settingsOf(family.countyCode));
      if (refused) throw refusedWrite('impossible-sequence', refused);
      Object.assign(activity, { wtwCount: body.decision, wtwCountBy: ctx.principal.subject, wtwCountAt: now, updatedAt: now });
      await this.plans.saveActivity(tx, activity);
      await this.evaluator.evaluate(tx, family, ctx.correlationId, now);
      await this.audit.record(tx, ctx, family, 'update', 'plan-activity', activity.id, { wtwCount: body.decision });
      return undefined;
    });
    if (hidden) {
      // After the (empty) transaction: the denial is recorded, nothing else was written.
      await this.audit.denied(ctx, family, 'plan-activity', activityId, PURPOSE, hidden);
      throw notFound('plan activity');
    }
    return this.readPlan.execute(ctx, family.familyId);
  }
}
