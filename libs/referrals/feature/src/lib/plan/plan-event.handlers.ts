import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { FamilyResolver, LinkagesFamilyEntity, PlanActivityEntity, PlanRepository } from '@linkages/referrals-data-access';
import { attributionOf, type AgencyRef } from '@linkages/referrals-domain';
import { appendToTimeline } from '../timeline/timeline-append';
import { supportiveServiceChangedEvent, wtwPlanSignedEvent, type CloudEvent } from '@linkages/shared-contracts';
import { PlanEvaluator, type PlanFamily } from './plan-evaluator';

export const PLAN_EVENT_HANDLERS = Symbol('PLAN_EVENT_HANDLERS');

/**
 * The family of a consumed event, in the inbox transaction: attributed to its agency ref, resolved to the shared
 * family (minted if new; the row locked), and appended to the family's timeline (idempotent by event id).
 */
export async function familyOfEvent(
  families: FamilyResolver,
  tx: EntityManager,
  event: CloudEvent<Record<string, unknown>>,
): Promise<PlanFamily | undefined> {
  const ref: AgencyRef | undefined = attributionOf(event);
  if (!ref) return undefined;
  const { familyId } = await families.resolve(tx, event.countycode, ref);
  await appendToTimeline(families, tx, familyId, event);
  const merged = await tx.getRepository(LinkagesFamilyEntity).find({ where: { mergedInto: familyId } });
  return { familyId, familyIds: [familyId, ...merged.map((m) => m.id)], countyCode: event.countycode };
}

const activityRow = (family: PlanFamily, eventId: string, at: Date, fields: Partial<PlanActivityEntity>) =>
  Object.assign(new PlanActivityEntity(), {
    id: randomUUID(),
    familyId: family.familyId,
    countyCode: family.countyCode,
    agency: 'calworks',
    source: 'event',
    title: null,
    slots: [],
    endsOn: null,
    requiresChildCare: false,
    requiresTransport: false,
    location: null,
    status: 'active',
    wtwCount: null,
    wtwCountBy: null,
    wtwCountAt: null,
    recordedBy: 'system:referrals',
    recordedAt: at,
    updatedAt: at,
    lastEventId: eventId,
    ...fields,
  });

/**
 * CalWORKs' side of the coordinated plan, from its events: a signed WTW plan replaces the participant's WTW
 * activities from earlier plans (each activity by its id: a redelivered event updates the same rows), a supportive
 * service is in the plan while it is in place; each change re-evaluates the plan (conflicts flagged once).
 */
export function planEventHandlers(families: FamilyResolver, plans: PlanRepository, evaluator: PlanEvaluator): HandlerRegistration[] {
  return [
    on(wtwPlanSignedEvent, async (event, tx) => {
      const family = await familyOfEvent(families, tx, event as CloudEvent<Record<string, unknown>>);
      if (!family) return;
      const p = event.data;
      const at = new Date();
      const prefix = `wtw:${p.planId}:`;
      for (const a of p.activities) {
        const sourceRef = `${prefix}${a.activityId}`;
        const existing = await plans.bySourceRef(tx, family.familyId, sourceRef);
        const fields = {
          sourceRef,
          personRecordId: p.participantId,
          kind: 'wtw-activity' as const,
          typeCode: a.type,
          weeklyHours: a.weeklyHours,
          slots: a.slots ?? [],
          startsOn: a.startsOn,
          endsOn: a.endsOn ?? null,
          requiresChildCare: a.requiresChildCare ?? false,
          requiresTransport: a.requiresTransport ?? false,
          status: 'active' as const,
          updatedAt: at,
          lastEventId: event.id,
        };
        await plans.saveActivity(tx, existing ? Object.assign(existing, fields) : activityRow(family, event.id, at, fields));
      }
      for (const old of await plans.activities(tx, family.familyIds))
        if (
          old.source === 'event' &&
          old.kind === 'wtw-activity' &&
          old.personRecordId === p.participantId &&
          old.status === 'active' &&
          !old.sourceRef?.startsWith(prefix)
        )
          await plans.saveActivity(tx, Object.assign(old, { status: 'ended', updatedAt: at, lastEventId: event.id }));
      await evaluator.evaluate(tx, family, event.correlationid, at);
    }),
    on(supportiveServiceChangedEvent, async (event, tx) => {
      const family = await familyOfEvent(families, tx, event as CloudEvent<Record<string, unknown>>);
      if (!family) return;
      const s = event.data;
      const at = new Date();
      const sourceRef = `service:${s.serviceId}`;
      const existing = await plans.bySourceRef(tx, family.familyId, sourceRef);
      const fields = {
        sourceRef,
        personRecordId: s.participantId,
        kind: 'supportive-service' as const,
        typeCode: s.type,
        weeklyHours: 0,
        startsOn: s.inPlaceOn ?? existing?.startsOn ?? s.changedOn,
        endsOn: s.status === 'ended' ? s.changedOn : null,
        status: s.status === 'in-place' ? ('active' as const) : ('ended' as const),
        updatedAt: at,
        lastEventId: event.id,
      };
      await plans.saveActivity(tx, existing ? Object.assign(existing, fields) : activityRow(family, event.id, at, fields));
      await evaluator.evaluate(tx, family, event.correlationid, at);
    }),
  ];
}

/** The plan's inbox handlers for the referrals worker (FamilyResolver, PlanRepository, PlanEvaluator go in its providers). */
export const planEventHandlersProvider: EventHandlersProvider = {
  provide: PLAN_EVENT_HANDLERS,
  inject: [FamilyResolver, PlanRepository, PlanEvaluator],
  useFactory: planEventHandlers,
};

/** What the plan handlers inject, for `PlatformModule.forWorker(service, { providers: [...] })`. */
export const planWorkerProviders = [FamilyResolver, PlanRepository, PlanEvaluator];
