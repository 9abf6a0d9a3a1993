import type { ClockOp, SanctionEvent, SanctionRow, SanctionStep } from './sanction-activities.contract';
import { californiaDate, earliestEffectiveDate, endOfDay as endOf, factInstant, monthsBetween, reviewDueAt } from './sanction-dates';
import type * as P from './sanction-process';
import type { SanctionInput, SanctionState } from './sanction-process';
import { SANCTION_PROCESS_ACTOR, purposes, sanctionRuleIds, type GoodCausePhase } from './sanction.vocabulary';

// Each step of the process: how it changes the state (in place) and what its activity writes in one transaction.
// Pure: ids, today and now come from the caller (the workflow's uuid4() and time), so a replay decides the same.

export interface StepContext {
  input: SanctionInput;
  workflowId: string;
  id: () => string;
  /** California date of the workflow time. */
  today: string;
  /** Workflow time, ISO. */
  now: string;
}
export type Parts = Omit<SanctionStep, 'episode'>;

export const episodeRefOf = (ctx: Pick<StepContext, 'input' | 'workflowId'>): SanctionStep['episode'] => ({
  episodeId: ctx.input.episodeId,
  familyId: ctx.input.familyId,
  participantId: ctx.input.participantId,
  auId: ctx.input.auId,
  countyCode: ctx.input.countyCode,
  workflowId: ctx.workflowId,
});

export const episodeRow = ({ input }: StepContext, s: SanctionState): SanctionRow => ({
  table: 'episode',
  id: input.episodeId,
  noticeForm: input.noticeForm,
  noticeIssuedOn: input.noticeIssuedOn,
  reason: input.reason,
  status: s.status,
  linkagesPriority: s.linkages?.source ?? null,
  resolution: s.resolution?.kind ?? null,
  resolvedOn: s.resolution?.on ?? null,
});
export const sanctionRow = (s: SanctionState): SanctionRow[] =>
  s.sanction && s.request
    ? [
        {
          table: 'sanction',
          id: s.sanction.id,
          requestId: s.request.id,
          imposedOn: s.sanction.imposedOn,
          effectiveOn: s.sanction.effectiveOn,
          effectiveExplanation: s.sanction.explanation,
          status: s.sanction.status,
          curedOn: s.sanction.curedOn ?? null,
          aidRestoredOn: s.sanction.aidRestoredOn ?? null,
          hearingRequestedOn: s.sanction.hearing?.requestedOn ?? null,
          aidPaidPending: s.sanction.hearing?.aidPaidPending ?? null,
          hearingOutcome: s.sanction.hearing?.outcome ?? null,
        },
      ]
    : [];
export const cureRows = (s: SanctionState, cure: P.CureState): SanctionRow[] => [
  ...(s.sanction
    ? [
        {
          table: 'cure-request' as const,
          id: cure.id,
          sanctionId: s.sanction.id,
          contactOn: cure.contactOn,
          childCare: cure.childCare,
          childCareInPlaceOn: cure.childCareInPlaceOn ?? null,
        },
      ]
    : []),
  ...(cure.plan
    ? [
        {
          table: 'cure-plan' as const,
          id: cure.plan.id,
          cureRequestId: cure.id,
          signedOn: cure.plan.signedOn,
          activityStartedOn: cure.plan.activityStartedOn ?? null,
          completedOn: cure.plan.completedOn ?? null,
          ended: cure.ended ?? null,
        },
      ]
    : []),
];

export const resolve = (s: SanctionState, kind: NonNullable<SanctionState['resolution']>['kind'], on: string) => {
  s.status = 'resolved';
  s.resolution = { kind, on };
};

export function goodCause(ctx: StepContext, s: SanctionState, ground: string, phase: GoodCausePhase, on: string, by: string): Parts {
  s.goodCause = { id: ctx.id(), ground, phase, determinedOn: on, by };
  resolve(s, phase === 'untick-guard' ? 'untick-guard' : phase === 'state-hearing' ? 'hearing-reversed' : 'good-cause', on);
  return {
    step: 'good-cause-found',
    by,
    rows: [{ table: 'good-cause', id: s.goodCause.id, ground, phase, determinedOn: on, determinedBy: by }, episodeRow(ctx, s)],
    events: [{ kind: 'good-cause-found', id: ctx.id(), payload: { determinedOn: on, ground } }],
    clocks: [],
  };
}

export function openEpisode(ctx: StepContext, s: SanctionState): Parts {
  const { input } = ctx;
  s.opened = true;
  const startAt = factInstant(input.noticeIssuedOn);
  const events: SanctionEvent[] = [
    {
      kind: 'noncompliance-started',
      id: ctx.id(),
      payload: { noticeForm: input.noticeForm, noticeIssuedOn: input.noticeIssuedOn, reason: input.reason },
    },
  ];
  if (input.knownToChildWelfare) {
    const { source, eventId } = input.knownToChildWelfare;
    s.linkages = { source, sourceEventId: eventId, flaggedOn: ctx.today };
    events.push({ kind: 'linkages-priority-flagged', id: ctx.id(), payload: { flaggedOn: ctx.today, source, sourceEventId: eventId } });
  }
  return {
    step: 'noncompliance-started',
    by: SANCTION_PROCESS_ACTOR,
    rows: [episodeRow(ctx, s)],
    events,
    clocks: [
      { op: 'open', purpose: purposes.compliancePeriod, ruleId: sanctionRuleIds.compliancePeriod, startAt },
      { op: 'open', purpose: purposes.untickGuard, ruleId: sanctionRuleIds.untickGuard, startAt },
    ],
  };
}

export function findGoodCause(ctx: StepContext, s: SanctionState, r: P.GoodCauseRequest): Parts {
  const parts = goodCause(ctx, s, r.ground, 'compliance-period', r.determinedOn, r.by);
  parts.clocks = [
    { op: 'satisfy', purpose: purposes.compliancePeriod, at: endOf(r.determinedOn) },
    { op: 'cancel-all', reasonCode: 'good-cause-found' },
  ];
  return parts;
}

export function signCompliancePlan(ctx: StepContext, s: SanctionState, r: P.CompliancePlanRequest): Parts {
  s.compliancePlan = { id: ctx.id(), signedOn: r.signedOn, planEndsOn: r.planEndsOn, by: r.by };
  s.status = 'compliance-plan';
  return {
    step: 'compliance-plan-signed',
    by: r.by,
    rows: [planRow(s), episodeRow(ctx, s)],
    events: [{ kind: 'compliance-plan-signed', id: ctx.id(), payload: { signedOn: r.signedOn, planEndsOn: r.planEndsOn } }],
    clocks: [{ op: 'satisfy', purpose: purposes.compliancePeriod, at: endOf(r.signedOn) }],
  };
}

const planRow = (s: SanctionState): SanctionRow => {
  const p = s.compliancePlan;
  if (!p) throw new Error('no compliance plan');
  return {
    table: 'compliance-plan',
    id: p.id,
    signedOn: p.signedOn,
    planEndsOn: p.planEndsOn,
    outcome: p.outcome ?? null,
    outcomeOn: p.outcomeOn ?? null,
    recordedBy: p.by,
  };
};

function requestSanction(
  ctx: StepContext,
  s: SanctionState,
  basis: 'compliance-period-ended' | 'compliance-plan-failed',
  at: string,
): Parts {
  const notice = basis === 'compliance-plan-failed' ? 'NA 817' : ctx.input.noticeForm;
  const requestedOn = californiaDate(at);
  s.request = { id: ctx.id(), basis, requestedOn, notice, reviewDueAt: reviewDueAt(ctx.input.rules, at), escalationLevel: 0 };
  s.status = 'sanction-requested';
  return {
    step: 'sanction-requested',
    by: SANCTION_PROCESS_ACTOR,
    rows: [{ table: 'sanction-request', id: s.request.id, basis, requestedOn, notice }, episodeRow(ctx, s)],
    events: [
      {
        kind: 'sanction-requested',
        id: ctx.id(),
        payload: { requestId: s.request.id, requestedOn, basis, notice, reviewDueAt: s.request.reviewDueAt },
      },
    ],
    clocks: [
      // Day 20 passed with neither good cause nor a plan: the period's clock did its work (it fell due) and stops
      // escalating; the supervisor's review clock takes over.
      ...(basis === 'compliance-period-ended'
        ? [{ op: 'cancel' as const, purpose: purposes.compliancePeriod, reasonCode: 'sanction-requested' }]
        : []),
      { op: 'open', purpose: purposes.sanctionReview, ruleId: sanctionRuleIds.sanctionReview, startAt: at },
    ],
  };
}

export function recordPlanOutcome(ctx: StepContext, s: SanctionState, r: P.PlanOutcomeRequest): Parts {
  const plan = s.compliancePlan;
  if (plan) Object.assign(plan, { outcome: r.outcome, outcomeOn: r.on });
  if (r.outcome === 'completed') {
    resolve(s, 'complied', r.on);
    return {
      step: 'compliance-plan-completed',
      by: r.by,
      rows: [planRow(s), episodeRow(ctx, s)],
      events: [],
      clocks: [{ op: 'cancel-all', reasonCode: 'compliance-plan-completed' }],
    };
  }
  if (r.goodCauseGround) {
    const parts = goodCause(ctx, s, r.goodCauseGround, 'compliance-plan-failed', r.on, r.by);
    return { ...parts, rows: [planRow(s), ...parts.rows], clocks: [{ op: 'cancel-all', reasonCode: 'good-cause-found' }] };
  }
  // Failed without good cause: straight to a sanction request (NA 817), no further compliance steps (RULES.md 3).
  const parts = requestSanction(ctx, s, 'compliance-plan-failed', ctx.now);
  return { ...parts, by: r.by, rows: [planRow(s), ...parts.rows] };
}

/** Day 20 ended (the compliance-period clock is due): with neither good cause nor a plan, a sanction request. */
export function compliancePeriodEnded(ctx: StepContext, s: SanctionState, dueAt: string): Parts | undefined {
  return s.status === 'compliance-period' ? requestSanction(ctx, s, 'compliance-period-ended', dueAt) : undefined;
}

export function reviewSanctionRequest(ctx: StepContext, s: SanctionState, r: P.SupervisorReviewRequest): Parts {
  const request = s.request;
  if (!request) throw new Error('no sanction request');
  request.review = { id: ctx.id(), decision: r.decision, ...(r.ground ? { ground: r.ground } : {}), reviewedOn: r.reviewedOn, by: r.by };
  const review: SanctionRow = {
    table: 'supervisor-review',
    id: request.review.id,
    requestId: request.id,
    decision: r.decision,
    ground: r.ground ?? null,
    reviewedOn: r.reviewedOn,
    reviewedBy: r.by,
  };
  const met: ClockOp = { op: 'satisfy', purpose: purposes.sanctionReview, at: endOf(r.reviewedOn) };
  if (r.decision === 'good-cause') {
    const parts = goodCause(ctx, s, r.ground ?? '', 'supervisor-review', r.reviewedOn, r.by);
    return { ...parts, rows: [review, ...parts.rows], clocks: [met, { op: 'cancel-all', reasonCode: 'good-cause-found' }] };
  }
  const effective = earliestEffectiveDate(ctx.input.rules, ctx.input.noticeIssuedOn, r.reviewedOn);
  s.sanction = {
    id: ctx.id(),
    imposedOn: r.reviewedOn,
    effectiveOn: effective.effectiveOn,
    explanation: effective.explanation,
    status: 'imposed',
  };
  s.status = 'sanctioned';
  return {
    step: 'sanction-imposed',
    by: r.by,
    rows: [review, ...sanctionRow(s), episodeRow(ctx, s)],
    events: [{ kind: 'sanction-imposed', id: ctx.id(), payload: { sanctionId: s.sanction.id, effectiveOn: effective.effectiveOn } }],
    // Imposed before day 60: the ACL 15-99 guard is met.
    clocks: [met, { op: 'satisfy', purpose: purposes.untickGuard, at: endOf(r.reviewedOn) }],
  };
}

/** Day 60 ended (`dueAt`: the guard's due instant) without an imposed sanction: good cause, and the months are unticked (ACL 15-99). */
export function untickGuardReached(ctx: StepContext, s: SanctionState, dueAt: string): Parts | undefined {
  if (s.sanction || s.status === 'resolved') return undefined;
  const day60 = californiaDate(dueAt);
  const parts = goodCause(ctx, s, 'untick-guard-acl-15-99', 'untick-guard', day60, SANCTION_PROCESS_ACTOR);
  parts.events.push({
    kind: 'months-unticked',
    id: ctx.id(),
    payload: { untickedOn: day60, months: monthsBetween(ctx.input.noticeIssuedOn, day60), reason: 'sixty-day-guard' },
  });
  parts.clocks = [{ op: 'cancel-all', reasonCode: 'resolved-as-good-cause-acl-15-99' }];
  return { ...parts, step: 'untick-guard-good-cause' };
}
