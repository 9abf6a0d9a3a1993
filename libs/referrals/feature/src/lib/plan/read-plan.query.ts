import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PlanRepository } from '@linkages/referrals-data-access';
import { wtwCountCandidates } from '@linkages/referrals-domain';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { PlanEvaluator } from './plan-evaluator';
import { planView, type PlanView } from './plan.view';

/** The family's coordinated plan — activities, conflicts with their reasons, WTW-count candidates — through the sharing policy. Audited. */
@Injectable()
export class ReadPlanQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly disclosure: FamilyDisclosure,
    private readonly plans: PlanRepository,
    private readonly evaluator: PlanEvaluator,
  ) {}

  async execute(ctx: RequestContext, familyId: string): Promise<PlanView> {
    const tx = this.dataSource.manager;
    const family = await this.familyInCounty.find(ctx, familyId, 'view coordinated plan');
    const decision = await this.disclosure.decide(tx, ctx, family, 'view coordinated plan');
    const [activities, conflicts, circumstances] = await Promise.all([
      this.plans.activities(tx, family.familyIds),
      this.plans.conflicts(tx, family.familyIds),
      this.plans.circumstances(tx, family.familyIds),
    ]);
    const settings = this.evaluator.settingsOf(family.countyCode);
    const pending = new Set(wtwCountCandidates(activities, settings));
    for (const a of activities) if (a.wtwCount === 'candidate') pending.add(a.id);
    await this.disclosure.audited(ctx, family, 'coordinated-plan', 'view coordinated plan', decision, {
      activities: activities.length,
      conflicts: conflicts.length,
    });
    return planView({
      familyId: family.familyId,
      activities,
      conflicts,
      circumstances,
      wtwCandidates: [...pending].sort(),
      settings,
      decision,
    });
  }
}
