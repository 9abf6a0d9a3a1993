import { californiaDate } from '@linkages/calworks-domain';
import { AssistanceUnitRepository } from '@linkages/calworks-data-access';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { caseOpenedEvent, referralAcceptedEvent } from '@linkages/shared-contracts';
import { SanctionLinkages } from '../sanction/sanction-linkages';

/**
 * Linkages priority (issue 12, item 4): when child welfare accepts a referral or opens a case for a family whose
 * CalWORKs case number it recorded, every open noncompliance episode of that Assistance Unit's participants is
 * flagged for Linkages (the episode's process publishes `linkages-priority-flagged`, once). A removal flags them from
 * the FR handler of `child-removed`, which also starts the aid window. A number the county does not hold flags
 * nothing here: the removal's review list is where unknown numbers are worked.
 */
export function linkagesPriorityHandlers(units: AssistanceUnitRepository, linkages: SanctionLinkages): HandlerRegistration[] {
  return [
    on(referralAcceptedEvent, async (event, tx) => {
      const r = event.data;
      if (!r.knownToCalworks || !r.calworksCaseNumber) return;
      const au = await units.byCaseNumber(tx, event.countycode, r.calworksCaseNumber);
      if (au)
        await linkages.familyKnown(tx, au.id, { source: 'referral-accepted', eventId: event.id, knownOn: californiaDate(r.acceptedAt) });
    }),
    on(caseOpenedEvent, async (event, tx) => {
      const c = event.data;
      if (!c.calworksCaseNumber) return;
      const au = await units.byCaseNumber(tx, event.countycode, c.calworksCaseNumber);
      if (au) await linkages.familyKnown(tx, au.id, { source: 'case-opened', eventId: event.id, knownOn: c.openedOn });
    }),
  ];
}

/** The token of the Linkages-priority handlers in the CalWORKs worker. */
export const LINKAGES_PRIORITY_HANDLERS = Symbol('LINKAGES_PRIORITY_HANDLERS');

export const linkagesPriorityHandlersProvider: EventHandlersProvider = {
  provide: LINKAGES_PRIORITY_HANDLERS,
  inject: [AssistanceUnitRepository, SanctionLinkages],
  useFactory: linkagesPriorityHandlers,
};
