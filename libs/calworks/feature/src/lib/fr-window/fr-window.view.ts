import type {
  FrAb429ServiceEntity,
  FrAidWindowEntity,
  FrMemberConfirmationEntity,
  FrRemovalEntity,
  FrTemporaryAbsenceEntity,
  FrUnmatchedCaseNumberEntity,
} from '@linkages/calworks-data-access';
import type { ClockView } from '@linkages/platform-deadline-tracking';

export interface FrRemovalRecords {
  removal: FrRemovalEntity;
  confirmation?: FrMemberConfirmationEntity;
  absence?: FrTemporaryAbsenceEntity;
  window?: FrAidWindowEntity;
  ab429?: FrAb429ServiceEntity;
  clocks: ClockView[];
}

/** The API's view of a removal's FR process: its rows and its clocks, each date explained. */
export function frRemovalView({ removal: r, confirmation: c, absence: a, window: w, ab429: s, clocks }: FrRemovalRecords) {
  return {
    removalId: r.removalId,
    familyId: r.familyId,
    caseId: r.caseId,
    countyCode: r.countyCode,
    auId: r.auId,
    status: r.status,
    allChildrenRemoved: r.allChildrenRemoved,
    removedAt: r.removedAt.toISOString(),
    memberConfirmation: c
      ? {
          status: c.status,
          confirmedAt: c.confirmedAt?.toISOString() ?? null,
          removedMemberIds: c.removedMemberIds ?? [],
          refusalCode: c.refusalCode,
          proposedMemberIds: c.proposedMemberIds ?? [],
          proposedAt: c.proposedAt?.toISOString() ?? null,
        }
      : null,
    temporaryAbsence: a ? { startsOn: a.startsOn, endsOn: a.endsOn, ruleId: a.ruleId } : null,
    recommendation:
      r.recommendationCasePlanId && r.recommendedOn ? { casePlanId: r.recommendationCasePlanId, recommendedOn: r.recommendedOn } : null,
    recommendationEscalatedAt: r.recommendationEscalatedAt?.toISOString() ?? null,
    window: w
      ? {
          windowId: w.id,
          program: w.program,
          startsOn: w.startsOn,
          endsOn: w.endsOn,
          startExplanation: w.startExplanation,
          closedOn: w.closedOn,
          closeReason: w.closeReason,
        }
      : null,
    ab429: s
      ? {
          serviceId: s.id,
          startsOn: s.startsOn,
          status: s.status,
          redeterminationRound: s.redeterminationRound,
          redeterminationDueOn: s.redeterminationDueOn,
          endedOn: s.endedOn,
          goodCauseGrantedOn: s.goodCauseGrantedOn,
          goodCauseThrough: s.goodCauseThrough,
          lastRedeterminationOn: s.lastRedeterminationOn,
        }
      : null,
    closeReason: r.closeReason,
    closedOn: r.closedOn,
    refusals: r.refusals,
    clocks: clocks.map((k) => ({
      deadlineId: k.deadlineId,
      purpose: k.purpose,
      ruleId: k.ruleId,
      tracked: k.tracked,
      ...(k.status !== undefined ? { status: k.status } : {}),
      ...(k.dueAt !== undefined ? { dueAt: k.dueAt } : {}),
      ...(k.dueDate !== undefined ? { dueDate: k.dueDate } : {}),
      ...(k.citation !== undefined ? { citation: k.citation } : {}),
      ...(k.explanation !== undefined ? { explanation: k.explanation } : {}),
    })),
  };
}

export function frReviewView(r: FrUnmatchedCaseNumberEntity) {
  return {
    reviewId: r.id,
    caseNumber: r.caseNumber,
    removalId: r.removalId,
    familyId: r.familyId,
    caseId: r.caseId,
    receivedAt: r.receivedAt.toISOString(),
    status: r.status,
    matchedAuId: r.matchedAuId,
  };
}
