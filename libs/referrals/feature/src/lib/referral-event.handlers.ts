import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { familyReferredEvent } from '@linkages/shared-contracts';
import { HANDOFF_PURPOSE, HANDOFF_RULE, startsHandoffClock } from '@linkages/referrals-domain';

/** The referrals worker's event handlers (one provider among the service's; the platform's inbox runs them all). */
export const REFERRAL_EVENT_HANDLERS = Symbol('REFERRAL_EVENT_HANDLERS');

/**
 * A referral of an aided family after a removal starts the Linkages hand-off clock (RULES.md 9.10): the CalWORKs
 * worker contacts the CSW within 3 business days. The clock opens in the inbox transaction, as a deadline command
 * the worker's relay applies; a redelivered event finds it tracked and opens nothing (one clock per referral).
 */
export function referralEventHandlers(deadlines: TrackedDeadlines): HandlerRegistration[] {
  return [
    on(familyReferredEvent, async (event, tx) => {
      const referral = event.data;
      if (!startsHandoffClock(referral)) return;
      await deadlines.open(
        tx,
        { type: 'referral', id: referral.referralId, familyId: referral.familyId, countyCode: event.countycode },
        HANDOFF_PURPOSE,
        HANDOFF_RULE,
        referral.referredAt,
      );
    }),
  ];
}

export const referralEventHandlersProvider: EventHandlersProvider = {
  provide: REFERRAL_EVENT_HANDLERS,
  inject: [TrackedDeadlines],
  useFactory: referralEventHandlers,
};
