import { FamilyResolver } from '@linkages/referrals-data-access';
import type { EventHandlersProvider, HandlerRegistration } from '@linkages/platform-messaging';
import { preventionReferredEvent, specialPopulationFactsRecordedEvent } from '@linkages/shared-contracts';
import { CoordinationProcesses, coordinationFactHandler } from '../coordination/coordination-event.handlers';

/**
 * referrals' own typed-in facts into the shared family's coordination (issue 13, Deliver 3), through the inbox like
 * the agencies' events: a prevention referral (its family is the referral's ref, `linkages-referral`; it starts the
 * process) and a liaison's special-population facts (the agency ref the event names; it starts the process too: the
 * liaison means the family to be placed).
 */
export function preventionEventHandlers(processes: CoordinationProcesses, families: FamilyResolver): HandlerRegistration[] {
  return [
    coordinationFactHandler(
      processes,
      families,
      preventionReferredEvent,
      (p) => ({
        fact: { kind: 'prevention-referred', referralId: p.referralId, riskFactors: p.riskFactors, referredAt: p.referredAt },
        starts: true,
      }),
      undefined,
      (event) => ({ kind: 'linkages-referral', id: event.data.referralId }),
    ),
    coordinationFactHandler(
      processes,
      families,
      specialPopulationFactsRecordedEvent,
      (p) => ({
        fact: {
          kind: 'special-population-facts',
          ...(p.homeless !== undefined ? { homeless: p.homeless } : {}),
          ...(p.parentAgeBands ? { parentAgeBands: p.parentAgeBands } : {}),
          recordedAt: p.recordedAt,
        },
        starts: true,
      }),
      undefined,
      (event) => ({ kind: event.data.refKind, id: event.data.refId }),
    ),
  ];
}

/** The token of the prevention handlers in the referrals worker. */
export const PREVENTION_EVENT_HANDLERS = Symbol('PREVENTION_EVENT_HANDLERS');

/** For `PlatformModule.forWorker('referrals', { eventHandlers: [...] })`; FamilyResolver and CoordinationProcesses go in `providers`. */
export const preventionEventHandlersProvider: EventHandlersProvider = {
  provide: PREVENTION_EVENT_HANDLERS,
  inject: [CoordinationProcesses, FamilyResolver],
  useFactory: (processes: CoordinationProcesses, families: FamilyResolver) => preventionEventHandlers(processes, families),
};
