import type { SanctionView } from '@linkages/calworks-domain';
import type { ClockView } from '@linkages/platform-deadline-tracking';

/** The API's view of an episode: the process's state (the workflow's query) and its clocks with their explanations. */
export function episodeView(view: SanctionView, clocks: ClockView[]) {
  const s = view.state;
  return {
    episodeId: view.episodeId,
    participantId: view.participantId,
    auId: view.auId,
    countyCode: view.countyCode,
    noticeForm: view.noticeForm,
    noticeIssuedOn: view.noticeIssuedOn,
    reason: view.reason,
    status: s.status,
    compliancePeriod: { endsOn: view.compliancePeriodEndsOn, explanation: view.compliancePeriodExplanation },
    goodCause: s.goodCause ? { ground: s.goodCause.ground, phase: s.goodCause.phase, determinedOn: s.goodCause.determinedOn } : null,
    compliancePlan: s.compliancePlan
      ? {
          signedOn: s.compliancePlan.signedOn,
          planEndsOn: s.compliancePlan.planEndsOn,
          outcome: s.compliancePlan.outcome ?? null,
          outcomeOn: s.compliancePlan.outcomeOn ?? null,
        }
      : null,
    sanctionRequest: s.request
      ? {
          requestedOn: s.request.requestedOn,
          basis: s.request.basis,
          notice: s.request.notice,
          reviewDueAt: s.request.reviewDueAt,
          escalationLevel: s.request.escalationLevel,
          review: s.request.review
            ? { decision: s.request.review.decision, ground: s.request.review.ground ?? null, reviewedOn: s.request.review.reviewedOn }
            : null,
        }
      : null,
    sanction: s.sanction
      ? {
          sanctionId: s.sanction.id,
          imposedOn: s.sanction.imposedOn,
          effectiveOn: s.sanction.effectiveOn,
          effectiveExplanation: s.sanction.explanation,
          status: s.sanction.status,
          curedOn: s.sanction.curedOn ?? null,
          aidRestoredOn: s.sanction.aidRestoredOn ?? null,
          aidRestorationExplanation: s.sanction.aidRestorationExplanation ?? null,
          hearing: s.sanction.hearing
            ? {
                requestedOn: s.sanction.hearing.requestedOn,
                aidPaidPending: s.sanction.hearing.aidPaidPending,
                lastDay: s.sanction.hearing.lastDay,
                outcome: s.sanction.hearing.outcome ?? null,
              }
            : null,
        }
      : null,
    cures: s.cures.map((c) => ({
      n: c.n,
      contactOn: c.contactOn,
      childCare: c.childCare,
      planSignedOn: c.plan?.signedOn ?? null,
      activityStartedOn: c.plan?.activityStartedOn ?? null,
      completedOn: c.plan?.completedOn ?? null,
      ended: c.ended ?? null,
    })),
    linkages: s.linkages
      ? { source: s.linkages.source, flaggedOn: s.linkages.flaggedOn, goodCauseProposedOn: s.linkages.goodCauseProposedOn ?? null }
      : null,
    resolution: s.resolution ?? null,
    clocks: clocks.map((c) => ({
      deadlineId: c.deadlineId,
      purpose: c.purpose,
      ruleId: c.ruleId,
      tracked: c.tracked,
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.dueAt !== undefined ? { dueAt: c.dueAt } : {}),
      ...(c.dueDate !== undefined ? { dueDate: c.dueDate } : {}),
      ...(c.citation !== undefined ? { citation: c.citation } : {}),
      ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
    })),
  };
}
