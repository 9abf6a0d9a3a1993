import type { FieldSpec } from '@linkages/platform-access';
import {
  caseClosedEvent,
  caseOpenedEvent,
  casePlanFiledEvent,
  cftMeetingHeldEvent,
  childRemovedEvent,
  childReunifiedEvent,
  frServicesGoodCauseGrantedEvent,
  parentalRightsTerminatedEvent,
  personMatchKeysEvent,
  referralAcceptedEvent,
  referralEvaluatedOutEvent,
  referralReceivedEvent,
  reunificationServicesOrderedEvent,
  reunificationServicesTerminatedEvent,
} from '@linkages/shared-contracts';

/**
 * What child welfare tells the other agency, field by field, classified like its records: only `key` and `fact`
 * pass the event view of the sharing policy (WIC 10850 minimum necessary). A field added to an event without a
 * class here never leaves the service, and the classification test names it. `calworksCaseNumber` is a `key`: the
 * agency case number by which CalWORKs finds the family's Assistance Unit (WIC 10850; WIC 18961.5 lists agency case
 * numbers among what agencies may hold and exchange).
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
    calworksCaseNumber: 'key',
  },
  // Evaluated out (with the AB 2085 poverty-only mark and whether the family consents / CalWORKs serves it): what
  // Linkages needs to offer a Prevention or Benefit Access referral (issue 13, Deliver 3), never the allegations,
  // the reporter or the screener's reason (which stay 'detail' / 'reporter' in child welfare).
  [referralEvaluatedOutEvent.type]: {
    referralId: 'key',
    familyId: 'key',
    evaluatedOutAt: 'fact',
    povertyOnly: 'fact',
    referToServices: 'fact',
    familyConsents: 'fact',
    knownToCalworks: 'fact',
    calworksCaseNumber: 'key',
  },
  [caseOpenedEvent.type]: { caseId: 'key', familyId: 'key', caseType: 'fact', openedOn: 'fact', calworksCaseNumber: 'key' },
  [childRemovedEvent.type]: {
    removalId: 'key',
    familyId: 'key',
    childId: 'key',
    caseId: 'key',
    removedAt: 'fact',
    allChildrenRemoved: 'fact',
    calworksCaseNumber: 'key',
  },
  [casePlanFiledEvent.type]: {
    casePlanId: 'key',
    caseId: 'key',
    familyId: 'key',
    kind: 'fact',
    filedOn: 'fact',
    nextUpdateDue: 'fact',
    // Whether the plan recommends cash aid / AB 429 services: the eligibility fact CalWORKs needs (WIC 11203(b)(3)),
    // not the plan's content (which stays 'detail' in child welfare).
    recommendsCashAid: 'fact',
    recommendsAb429Services: 'fact',
    calworksCaseNumber: 'key',
  },
  [reunificationServicesOrderedEvent.type]: {
    caseId: 'key',
    familyId: 'key',
    orderedOn: 'fact',
    enteredFosterCareOn: 'fact',
    servicesMonths: 'fact',
    sixMonthReviewBy: 'fact',
    calworksCaseNumber: 'key',
  },
  [reunificationServicesTerminatedEvent.type]: {
    familyId: 'key',
    caseId: 'key',
    terminatedOn: 'fact',
    basis: 'fact',
    calworksCaseNumber: 'key',
  },
  [parentalRightsTerminatedEvent.type]: {
    caseId: 'key',
    familyId: 'key',
    childId: 'key',
    terminatedOn: 'fact',
    removalId: 'key',
    calworksCaseNumber: 'key',
  },
  [childReunifiedEvent.type]: {
    familyId: 'key',
    childId: 'key',
    caseId: 'key',
    returnedOn: 'fact',
    trialHomeVisit: 'fact',
    removalId: 'key',
    calworksCaseNumber: 'key',
  },
  [caseClosedEvent.type]: { caseId: 'key', familyId: 'key', closedOn: 'fact', reason: 'fact', calworksCaseNumber: 'key' },
  // The grant and how long it runs: the fact CalWORKs needs to continue WTW / supportive services (RULES.md 4), not
  // the good cause itself (which stays in child welfare's record).
  [frServicesGoodCauseGrantedEvent.type]: {
    familyId: 'key',
    caseId: 'key',
    grantedOn: 'fact',
    continuesThrough: 'fact',
    calworksCaseNumber: 'key',
  },
  // A person's match keys, on the identity topic only (read by Linkages' matching alone): ids, the role and a coarse age
  // band as facts, the keyed tokens as `match-key` (passed only there, by matchKeyDisclosure). Never a plaintext
  // name, date of birth or SSN (issue 13, Deliver 1; WIC 10850).
  [personMatchKeysEvent.type]: {
    personId: 'key',
    familyId: 'key',
    role: 'fact',
    ageBand: 'fact',
    keys: 'match-key',
    withdrawn: 'fact',
    recordedAt: 'fact',
  },
  // That the meeting was held and whether the CalWORKs worker was invited: never who attended or what was discussed.
  [cftMeetingHeldEvent.type]: { meetingId: 'key', caseId: 'key', familyId: 'key', heldOn: 'fact', calworksWorkerInvited: 'fact' },
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
