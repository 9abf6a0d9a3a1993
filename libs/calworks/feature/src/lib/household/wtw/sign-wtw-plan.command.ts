import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { publishCalworksEvent } from '@linkages/calworks-activities';
import { planRefusal } from '@linkages/calworks-domain';
import { WtwActivityEntity, WtwParticipantRepository, WtwPlanEntity } from '@linkages/calworks-data-access';
import { OutboxWriter } from '@linkages/platform-messaging';
import { wtwPlanSignedEvent } from '@linkages/shared-contracts';
import { HouseholdAudit } from '../household-audit';
import type { HouseholdCtx } from '../household.context';
import { householdImpossible, refuseHousehold } from '../household.problems';
import { HouseholdRecords } from '../household-records';
import type { PlanInput } from './wtw.schemas';
import { WtwParticipantLoader } from './wtw-participant.loader';
import { wtwParticipantView } from './wtw-participant.view';

/**
 * A signed WTW plan with its activities and weekly hours; it supersedes the participant's current plan. Linkages
 * learns the activities (wtw-plan-signed: types, hours, dates) for the coordinated case plan (issue 13 Deliver 5).
 */
@Injectable()
export class SignWtwPlan {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: HouseholdRecords,
    private readonly participants: WtwParticipantRepository,
    private readonly loader: WtwParticipantLoader,
    private readonly outbox: OutboxWriter,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, participantId: string, input: PlanInput) {
    return this.dataSource.transaction(async (tx) => {
      const participant = await this.records.participant(tx, ctx, participantId, { lock: true });
      if (input.signedOn < participant.enrolledOn) throw householdImpossible('A plan cannot be signed before the participant enrolled');
      const activities = input.activities.map((a) => ({ ...a, endsOn: a.endsOn ?? null }));
      refuseHousehold(planRefusal(input.signedOn, activities));
      const current = (await this.participants.plans(tx, participant.id)).find((p) => p.plan.status === 'current');
      if (current && current.plan.signedOn > input.signedOn) throw householdImpossible('A plan cannot be signed before the current plan');
      const plan = Object.assign(new WtwPlanEntity(), {
        id: randomUUID(),
        participantId: participant.id,
        signedOn: input.signedOn,
        status: 'current' as const,
        recordedBy: ctx.principal.subject,
        recordedAt: new Date(),
      });
      const rows = activities.map((a, position) =>
        Object.assign(new WtwActivityEntity(), { id: randomUUID(), planId: plan.id, ...a, position }),
      );
      await this.participants.addPlan(tx, plan, rows);
      await publishCalworksEvent(
        this.outbox,
        tx,
        wtwPlanSignedEvent,
        {
          planId: plan.id,
          participantId: participant.id,
          auId: participant.auId,
          familyId: participant.auId,
          signedOn: plan.signedOn,
          activities: rows.map((a) => ({
            activityId: a.id,
            type: a.type,
            weeklyHours: a.weeklyHours,
            startsOn: a.startsOn,
            ...(a.endsOn ? { endsOn: a.endsOn } : {}),
          })),
        },
        { countyCode: participant.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'wtw-plan', plan.id, participant.countyCode, {
        participantId: participant.id,
        activities: rows.length,
      });
      return wtwParticipantView(await this.loader.load(tx, participant, { live: false }));
    });
  }
}
