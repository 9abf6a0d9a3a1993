import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DisclosureDecision } from '@linkages/platform-access';
import { readSnapshot } from '@linkages/platform-persistence';
import { PlanRepository, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { planDisclosurePolicy, wtwCountCandidates, type PlanDisclosurePolicy } from '@linkages/referrals-domain';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty, type SharedFamilyRef } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { PlanEvaluator } from './plan-evaluator';
import { planView, type PlanView } from './plan.view';

/**
 * The family's coordinated plan — activities, conflicts with their reasons, WTW-count candidates — through the sharing
 * policy and the plan's disclosure rule (a CWS activity's treatment category and WTW-count mark only under an authority
 * that covers it), read in one snapshot. Audited with the basis relied on and how much was withheld (counts only).
 */
@Injectable()
export class ReadPlanQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly disclosure: FamilyDisclosure,
    private readonly plans: PlanRepository,
    private readonly evaluator: PlanEvaluator,
    private readonly authorities: SharingAuthorityRepository,
  ) {}

  /** What the caller may see of the family's plan now: the sharing policy's decision and what its authorities cover. */
  async policyOf(
    tx: EntityManager,
    ctx: RequestContext,
    family: SharedFamilyRef,
    purpose: string,
  ): Promise<{ decision: DisclosureDecision; policy: PlanDisclosurePolicy }> {
    const now = new Date();
    const decision = await this.disclosure.decide(tx, ctx, family, purpose, now);
    const rows = await this.authorities.ofFamilies(tx, family.familyIds);
    return { decision, policy: planDisclosurePolicy(ctx.principal.agency, decision, rows) };
  }

  async execute(ctx: RequestContext, familyId: string): Promise<PlanView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'view coordinated plan');
    // One snapshot: the authorities weighed and the plan shown are of the same instant.
    const read = await readSnapshot(this.dataSource, async (tx) => {
      const { decision, policy } = await this.policyOf(tx, ctx, family, 'view coordinated plan');
      const activities = await this.plans.activities(tx, family.familyIds);
      const conflicts = await this.plans.conflicts(tx, family.familyIds);
      const circumstances = await this.plans.circumstances(tx, family.familyIds);
      return { decision, policy, activities, conflicts, circumstances };
    });
    const { decision, policy, activities, conflicts, circumstances } = read;
    const settings = this.evaluator.settingsOf(family.countyCode);
    const pending = new Set(wtwCountCandidates(activities, settings));
    for (const a of activities) if (a.wtwCount === 'candidate') pending.add(a.id);
    const { view, summary } = planView({
      familyId: family.familyId,
      activities,
      conflicts,
      circumstances,
      wtwCandidates: [...pending],
      settings,
      decision,
      policy,
    });
    await this.disclosure.audited(ctx, family, 'coordinated-plan', 'view coordinated plan', decision, {
      activities: activities.length,
      conflicts: conflicts.length,
      bases: summary.bases,
      withheld: summary.withheld,
      reliedOn: summary.authorityIds,
    });
    return view;
  }
}
