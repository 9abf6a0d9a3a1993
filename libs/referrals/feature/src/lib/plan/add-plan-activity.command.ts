import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { refusedWrite } from '@linkages/platform-http';
import { PlanActivityEntity, PlanRepository } from '@linkages/referrals-data-access';
import { agencyOfKind } from '@linkages/referrals-domain';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { PlanAudit } from './plan-audit';
import { PlanEvaluator } from './plan-evaluator';
import type { AddPlanActivity } from './plan.schemas';
import { ReadPlanQuery } from './read-plan.query';
import type { PlanView } from './plan.view';

/**
 * An activity entered into the family's coordinated plan by its own agency's staff (child welfare: court-ordered
 * services and case-plan activities with their schedules; CalWORKs: activities no event brought). The plan is
 * re-evaluated in the same transaction (each new conflict flagged once); the answer is the plan as the caller sees it.
 */
@Injectable()
export class AddPlanActivityCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly plans: PlanRepository,
    private readonly evaluator: PlanEvaluator,
    private readonly audit: PlanAudit,
    private readonly readPlan: ReadPlanQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, body: AddPlanActivity): Promise<PlanView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'add plan activity');
    const agency = agencyOfKind(body.kind);
    if (ctx.principal.agency !== agency)
      throw refusedWrite('impossible-sequence', `A ${body.kind} is entered by ${agency === 'cws' ? 'child welfare' : 'CalWORKs'} staff`);
    const now = new Date();
    const activity = Object.assign(new PlanActivityEntity(), {
      id: randomUUID(),
      familyId: family.familyId,
      countyCode: family.countyCode,
      agency,
      source: 'staff',
      sourceRef: null,
      personRecordId: body.personRecordId,
      kind: body.kind,
      typeCode: body.typeCode,
      title: body.title ?? null,
      weeklyHours: body.weeklyHours,
      slots: body.slots,
      startsOn: body.startsOn,
      endsOn: body.endsOn ?? null,
      requiresChildCare: body.requiresChildCare,
      requiresTransport: body.requiresTransport,
      location: body.location ?? null,
      status: 'active',
      wtwCount: null,
      wtwCountBy: null,
      wtwCountAt: null,
      recordedBy: ctx.principal.subject,
      recordedAt: now,
      updatedAt: now,
      lastEventId: null,
    });
    await this.dataSource.transaction(async (tx) => {
      await this.plans.saveActivity(tx, activity);
      const flagged = await this.evaluator.evaluate(tx, family, ctx.correlationId, now);
      await this.audit.record(tx, ctx, family, 'create', 'plan-activity', activity.id, {
        kind: body.kind,
        conflictsFlagged: flagged.length,
      });
    });
    return this.readPlan.execute(ctx, family.familyId);
  }
}
