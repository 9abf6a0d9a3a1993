import type { EntityManager } from 'typeorm';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { FamilyResolver, LinkagesFamilyEntity } from '@linkages/referrals-data-access';
import type { AgencyRef } from '@linkages/referrals-domain';
import {
  deadlineDueEvent,
  deadlineExtendedEvent,
  deadlineMovedEarlierEvent,
  deadlineOverdueEvent,
  deadlineSatisfiedEvent,
  deadlineWarningEvent,
  type CloudEvent,
} from '@linkages/shared-contracts';
import { appendToTimeline } from './timeline-append';

export const TIMELINE_EVENT_HANDLERS = Symbol('TIMELINE_EVENT_HANDLERS');

/**
 * The refs a deadline's `familyId` may be, by the service that owns the clock: child welfare keys by its family;
 * CalWORKs by the AU (WTW, household, sanction clocks) or by the CWS family (FR aid clocks); referrals by the shared
 * family itself.
 */
const candidateRefs = (owner: string, familyId: string): AgencyRef[] => {
  if (owner === 'child-welfare') return [{ kind: 'cws-family', id: familyId }];
  if (owner === 'calworks')
    return [
      { kind: 'au', id: familyId },
      { kind: 'cws-family', id: familyId },
    ];
  return [];
};

/**
 * The agencies' own clocks on the family timeline (issue 13, Deliver 6): their deadline events (warning, due,
 * overdue, met, extended, moved earlier), attributed to a shared family already known (never minting one for a
 * deadline), appended in the family's one order. A deadline of a family referrals does not know is not Linkages'.
 */
export function timelineEventHandlers(families: FamilyResolver): HandlerRegistration[] {
  const append = async (event: CloudEvent<{ familyId: string; ownerService: string }>, tx: EntityManager) => {
    const { familyId, ownerService } = event.data;
    let shared: string | undefined;
    if (ownerService === 'referrals') {
      const family = await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id: familyId } });
      shared = family && family.countyCode === event.countycode ? await families.survivorOf(tx, family.id) : undefined;
    } else
      for (const ref of candidateRefs(ownerService, familyId)) {
        shared = await families.familyOf(tx, event.countycode, ref);
        if (shared) break;
      }
    if (shared) await appendToTimeline(families, tx, shared, event);
  };
  return [
    deadlineWarningEvent,
    deadlineDueEvent,
    deadlineOverdueEvent,
    deadlineSatisfiedEvent,
    deadlineExtendedEvent,
    deadlineMovedEarlierEvent,
  ].map((def) => on(def, (event, tx) => append(event as CloudEvent<{ familyId: string; ownerService: string }>, tx)));
}

/** The timeline's inbox handlers (deadline events) for the referrals worker (FamilyResolver goes in its providers). */
export const timelineEventHandlersProvider: EventHandlersProvider = {
  provide: TIMELINE_EVENT_HANDLERS,
  inject: [FamilyResolver],
  useFactory: timelineEventHandlers,
};
