import type { FieldSpec } from '@linkages/platform-access';
import {
  ab429ServicesContinuedEvent,
  aidedStatusRecordedEvent,
  compliancePlanSignedEvent,
  frAidWindowClosedEvent,
  frAidWindowOpenedEvent,
  goodCauseFoundEvent,
  goodCauseProposedEvent,
  linkagesPriorityFlaggedEvent,
  memberMatchKeysEvent,
  monthsUntickedEvent,
  noncomplianceStartedEvent,
  redeterminationDueEvent,
  removalMembersConfirmedEvent,
  sanctionCuredEvent,
  sanctionImposedEvent,
  sanctionRequestedEvent,
  supportiveServiceChangedEvent,
  temporaryAbsenceStartedEvent,
  wtwPlanSignedEvent,
} from '@linkages/shared-contracts';

/**
 * What CalWORKs tells the other agency and Linkages, field by field: ids (`key`) and the dates and codes of the
 * steps (`fact`), never a member's identity, income or a narrative (WIC 10850: CalWORKs records are confidential; the
 * minimum the shared family's coordination needs). Only classes the sharing policy's event view passes may leave the
 * service: a field added to an event without a class here is dropped before the outbox, and the classification test
 * names it. Good-cause grounds are codes of the administrative list (RULES.md 3), not the participant's
 * circumstances.
 */
export const calworksEventClassification: Readonly<Record<string, FieldSpec>> = {
  [noncomplianceStartedEvent.type]: {
    episodeId: 'key',
    familyId: 'key',
    auId: 'key',
    participantId: 'key',
    noticeForm: 'fact',
    noticeIssuedOn: 'fact',
    reason: 'fact',
  },
  [goodCauseFoundEvent.type]: { episodeId: 'key', familyId: 'key', auId: 'key', determinedOn: 'fact', ground: 'fact' },
  [compliancePlanSignedEvent.type]: { episodeId: 'key', familyId: 'key', auId: 'key', signedOn: 'fact', planEndsOn: 'fact' },
  [sanctionRequestedEvent.type]: {
    episodeId: 'key',
    participantId: 'key',
    familyId: 'key',
    auId: 'key',
    sanctionRequestId: 'key',
    requestedOn: 'fact',
    reason: 'fact',
    reviewDueAt: 'fact',
  },
  [sanctionImposedEvent.type]: {
    sanctionId: 'key',
    episodeId: 'key',
    familyId: 'key',
    auId: 'key',
    participantId: 'key',
    effectiveOn: 'fact',
  },
  [sanctionCuredEvent.type]: { sanctionId: 'key', familyId: 'key', auId: 'key', curedOn: 'fact', aidRestoredOn: 'fact', how: 'fact' },
  [monthsUntickedEvent.type]: {
    episodeId: 'key',
    participantId: 'key',
    familyId: 'key',
    auId: 'key',
    months: 'fact',
    reason: 'fact',
    untickedOn: 'fact',
  },
  [temporaryAbsenceStartedEvent.type]: {
    removalId: 'key',
    familyId: 'key',
    auId: 'key',
    calworksCaseNumber: 'key',
    startsOn: 'fact',
    endsOn: 'fact',
    ruleId: 'fact',
  },
  [frAidWindowOpenedEvent.type]: {
    windowId: 'key',
    familyId: 'key',
    removalId: 'key',
    program: 'fact',
    startsOn: 'fact',
    endsOn: 'fact',
  },
  [frAidWindowClosedEvent.type]: { windowId: 'key', familyId: 'key', removalId: 'key', closedOn: 'fact', reason: 'fact' },
  [ab429ServicesContinuedEvent.type]: {
    removalId: 'key',
    familyId: 'key',
    participantId: 'key',
    continuedFrom: 'fact',
    redeterminationDueOn: 'fact',
    basis: 'fact',
  },
  [redeterminationDueEvent.type]: { removalId: 'key', familyId: 'key', participantId: 'key', dueOn: 'fact', kind: 'fact' },
  [linkagesPriorityFlaggedEvent.type]: {
    episodeId: 'key',
    participantId: 'key',
    familyId: 'key',
    auId: 'key',
    because: 'fact',
    sourceEventId: 'key',
    flaggedOn: 'fact',
  },
  [goodCauseProposedEvent.type]: {
    episodeId: 'key',
    participantId: 'key',
    familyId: 'key',
    auId: 'key',
    ground: 'fact',
    proposedBecause: 'fact',
    decisionBy: 'fact',
    proposedOn: 'fact',
    casePlanId: 'key',
  },
  // A member's match keys, on the identity topic only (read by Linkages' matching alone): ids and the case number as
  // keys, role, aided and a coarse age band as facts, the keyed tokens as `match-key` (passed only there, by
  // matchKeyDisclosure). Never a plaintext name, date of birth or SSN (issue 13, Deliver 1; WIC 10850).
  [memberMatchKeysEvent.type]: {
    memberId: 'key',
    auId: 'key',
    familyId: 'key',
    caseNumber: 'key',
    role: 'fact',
    aided: 'fact',
    ageBand: 'fact',
    keys: 'match-key',
    withdrawn: 'fact',
    recordedAt: 'fact',
  },
  // Linkages places the family in its strategy by the AU's aided status (issue 13, Deliver 3): the status and its date.
  [aidedStatusRecordedEvent.type]: { auId: 'key', familyId: 'key', caseNumber: 'key', status: 'fact', effectiveOn: 'fact' },
  // The plan's activities as types, hours and times (the coordinated case plan, issue 13 Deliver 5): no provider, no address.
  [wtwPlanSignedEvent.type]: {
    planId: 'key',
    participantId: 'key',
    auId: 'key',
    familyId: 'key',
    signedOn: 'fact',
    activities: [
      {
        activityId: 'key',
        type: 'fact',
        weeklyHours: 'fact',
        startsOn: 'fact',
        endsOn: 'fact',
        slots: [{ day: 'fact', start: 'fact', end: 'fact' }],
        requiresChildCare: 'fact',
        requiresTransport: 'fact',
      },
    ],
  },
  // Type and status of a supportive service (does the required activity have child care, transport?): no provider, no amount.
  [supportiveServiceChangedEvent.type]: {
    serviceId: 'key',
    participantId: 'key',
    auId: 'key',
    familyId: 'key',
    type: 'fact',
    status: 'fact',
    inPlaceOn: 'fact',
    changedOn: 'fact',
  },
  // Which AU members a removal concerns, as ids (the Linkages "AU change" task, issue 13 Deliver 4): never who they are.
  [removalMembersConfirmedEvent.type]: {
    removalId: 'key',
    auId: 'key',
    familyId: 'key',
    confirmedAt: 'fact',
    removedMemberCount: 'fact',
    memberIds: ['key'],
  },
};
