import type { FieldSpec } from '@linkages/platform-access';
import {
  caseClosedEvent,
  caseOpenedEvent,
  casePlanFiledEvent,
  childRemovedEvent,
  childReunifiedEvent,
  parentalRightsTerminatedEvent,
  referralAcceptedEvent,
  referralReceivedEvent,
  reunificationServicesOrderedEvent,
  reunificationServicesTerminatedEvent,
} from '@linkages/shared-contracts';

/**
 * What child welfare tells the other agency, field by field, classified like its records: only `key` and `fact`
 * pass the event view of the sharing policy (WIC 10850 minimum necessary). A field added to an event without a
 * class here never leaves the service, and the classification test names it.
 */
export const cwsEventClassification: Readonly<Record<string, FieldSpec>> = {
  [referralReceivedEvent.type]: {
    referralId: 'key',
    familyId: 'key',
    receivedAt: 'fact',
    responsePriority: 'fact',
    knownToCalworks: 'fact',
  },
  [referralAcceptedEvent.type]: {
    referralId: 'key',
    familyId: 'key',
    acceptedAt: 'fact',
    responsePriority: 'fact',
    path: 'fact',
    knownToCalworks: 'fact',
  },
  [caseOpenedEvent.type]: { caseId: 'key', familyId: 'key', caseType: 'fact', openedOn: 'fact' },
  [childRemovedEvent.type]: {
    removalId: 'key',
    familyId: 'key',
    childId: 'key',
    caseId: 'key',
    removedAt: 'fact',
    allChildrenRemoved: 'fact',
  },
  [casePlanFiledEvent.type]: { casePlanId: 'key', caseId: 'key', familyId: 'key', kind: 'fact', filedOn: 'fact', nextUpdateDue: 'fact' },
  [reunificationServicesOrderedEvent.type]: {
    caseId: 'key',
    familyId: 'key',
    orderedOn: 'fact',
    enteredFosterCareOn: 'fact',
    servicesMonths: 'fact',
    sixMonthReviewBy: 'fact',
  },
  [reunificationServicesTerminatedEvent.type]: { familyId: 'key', caseId: 'key', terminatedOn: 'fact', basis: 'fact' },
  [parentalRightsTerminatedEvent.type]: { caseId: 'key', familyId: 'key', childId: 'key', terminatedOn: 'fact' },
  [childReunifiedEvent.type]: { familyId: 'key', childId: 'key', caseId: 'key', returnedOn: 'fact', trialHomeVisit: 'fact' },
  [caseClosedEvent.type]: { caseId: 'key', familyId: 'key', closedOn: 'fact', reason: 'fact' },
};

/** The case summary's fields, classified: what may reach CalWORKs is decided by the sharing policy, here. */
export const caseSummaryClassification: FieldSpec = {
  id: 'key',
  familyId: 'key',
  referralId: 'key',
  countyCode: 'key',
  status: 'key',
  type: 'fact',
  openedOn: 'fact',
  detained: 'fact',
  petitionFiledOn: 'fact',
  jurisdictionOn: 'fact',
  dispositionOn: 'fact',
  dispositionOutcome: 'fact',
  enteredFosterCareOn: 'fact',
  servicesMonths: 'fact',
  servicesTerminatedOn: 'fact',
  closedOn: 'fact',
  closeReason: 'fact',
  removals: [
    {
      removalId: 'key',
      childId: 'key',
      removedAt: 'fact',
      placementType: 'detail',
      returnedOn: 'fact',
      parentalRightsTerminatedOn: 'fact',
    },
  ],
};
