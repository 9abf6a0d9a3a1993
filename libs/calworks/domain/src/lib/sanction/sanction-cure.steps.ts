import type { SanctionEvent } from './sanction-activities.contract';
import {
  aidPaidPending,
  aidRestorationDate,
  childCareGoodCauseExtendedTo,
  endOfDay,
  factInstant,
  stateHearingWindow,
} from './sanction-dates';
import type * as P from './sanction-process';
import { currentCure, type SanctionState } from './sanction-process';
import { cureRows, episodeRow, goodCause, resolve, sanctionRow, type Parts, type StepContext } from './sanction-steps';
import { purposes, SANCTION_PROCESS_ACTOR, sanctionRuleIds } from './sanction.vocabulary';

// The cure (RULES.md 3: no durational sanctions, cure plan within 10 days, cure activity at most 30 days, SB 80 child
// care first, aid restored on the 1st of the month after the contact), the state hearing and the Linkages flag.

const cureOf = (s: SanctionState): P.CureState => {
  const cure = currentCure(s);
  if (!cure) throw new Error('no cure in progress');
  return cure;
};

export function requestCure(ctx: StepContext, s: SanctionState, r: P.CureRequest): Parts {
  const n = s.cures.length + 1;
  const cure: P.CureState = { n, id: ctx.id(), contactOn: r.contactOn, childCare: r.childCareNeeded ? 'arranging' : 'not-needed' };
  s.cures.push(cure);
  const startAt = factInstant(r.contactOn);
  return {
    step: 'cure-requested',
    by: r.by,
    rows: cureRows(s, cure),
    events: [],
    clocks: [
      { op: 'open', purpose: purposes.curePlan(n), ruleId: sanctionRuleIds.curePlan, startAt },
      // SB 80: good cause while child care is arranged; no cure activity is required until it is in place.
      ...(r.childCareNeeded ? [{ op: 'open' as const, purpose: purposes.childCare(n), ruleId: sanctionRuleIds.childCare, startAt }] : []),
    ],
  };
}

const startActivity = (cure: P.CureState, on: string) => {
  if (cure.plan) cure.plan.activityStartedOn = on;
  return { op: 'open' as const, purpose: purposes.cureActivity(cure.n), ruleId: sanctionRuleIds.cureActivity, startAt: factInstant(on) };
};

export function signCurePlan(ctx: StepContext, s: SanctionState, r: P.CurePlanRequest): Parts {
  const cure = cureOf(s);
  cure.plan = { id: ctx.id(), signedOn: r.signedOn };
  const clocks: Parts['clocks'] = [{ op: 'satisfy', purpose: purposes.curePlan(cure.n), at: endOfDay(r.signedOn) }];
  if (cure.childCare !== 'arranging') clocks.push(startActivity(cure, r.signedOn));
  return { step: 'cure-plan-signed', by: r.by, rows: cureRows(s, cure), events: [], clocks };
}

/** SB 80: one more 15-day increment of good cause while child care is still being arranged (30 days at most). */
export function extendChildCareGoodCause(ctx: StepContext, s: SanctionState, r: P.ChildCareExtensionRequest): Parts {
  const cure = cureOf(s);
  const until = childCareGoodCauseExtendedTo(ctx.input.rules, cure.contactOn);
  if (!until) throw new Error('the SB 80 rule is not in this run’s input');
  cure.childCareGoodCauseUntil = until;
  return {
    step: 'child-care-good-cause-extended',
    by: r.by,
    rows: [],
    events: [],
    clocks: [{ op: 'move', purpose: purposes.childCare(cure.n), dueDate: until, reasonCode: 'child-care-still-being-arranged-sb80' }],
  };
}

export function childCareInPlace(ctx: StepContext, s: SanctionState, r: P.ChildCareInPlaceRequest): Parts {
  const cure = cureOf(s);
  cure.childCare = 'in-place';
  cure.childCareInPlaceOn = r.on;
  const clocks: Parts['clocks'] = [{ op: 'satisfy', purpose: purposes.childCare(cure.n), at: endOfDay(r.on) }];
  if (cure.plan && !cure.plan.activityStartedOn) clocks.push(startActivity(cure, r.on < cure.plan.signedOn ? cure.plan.signedOn : r.on));
  return { step: 'child-care-in-place', by: r.by, rows: cureRows(s, cure), events: [], clocks };
}

/**
 * The cure activity is done: the sanction is cured and aid restored on the 1st of the month after the cure contact;
 * done before the sanction took effect, the sanction is lifted and no cut happens (Santa Clara "Curing a Sanction").
 */
export function completeCure(ctx: StepContext, s: SanctionState, r: P.CureCompletedRequest): Parts {
  const cure = cureOf(s);
  const sanction = s.sanction;
  if (!cure.plan || !sanction) throw new Error('no cure activity');
  cure.plan.completedOn = r.completedOn;
  cure.ended = 'completed';
  sanction.curedOn = r.completedOn;
  if (r.completedOn < sanction.effectiveOn) {
    sanction.status = 'lifted';
    sanction.aidRestoredOn = sanction.effectiveOn;
    sanction.aidRestorationExplanation = `Cured on ${r.completedOn}, before the sanction took effect on ${sanction.effectiveOn}: the sanction is lifted and aid is not cut (Santa Clara "Curing a Sanction").`;
    resolve(s, 'lifted', r.completedOn);
  } else {
    const restored = aidRestorationDate(ctx.input.rules, cure.contactOn);
    sanction.status = 'cured';
    sanction.aidRestoredOn = restored.aidRestoredOn;
    sanction.aidRestorationExplanation = restored.explanation;
    resolve(s, 'cured', r.completedOn);
  }
  return {
    step: sanction.status === 'lifted' ? 'sanction-lifted' : 'sanction-cured',
    by: r.by,
    rows: [...cureRows(s, cure), ...sanctionRow(s), episodeRow(ctx, s)],
    events: [
      {
        kind: 'sanction-cured',
        id: ctx.id(),
        payload: { sanctionId: sanction.id, curedOn: r.completedOn, aidRestoredOn: sanction.aidRestoredOn, how: 'cure-plan-completed' },
      },
    ],
    clocks: [
      { op: 'satisfy', purpose: purposes.cureActivity(cure.n), at: endOfDay(r.completedOn) },
      { op: 'cancel-all', reasonCode: 'sanction-cured' },
    ],
  };
}

/** The 30 days of the cure activity ran out before it was done: this cure ends; the participant may ask again. */
export function cureActivityEnded(ctx: StepContext, s: SanctionState, n: number): Parts | undefined {
  const cure = currentCure(s);
  if (!cure || cure.n !== n || cure.plan?.completedOn) return undefined;
  cure.ended = 'activity-time-ended';
  return {
    step: 'cure-activity-time-ended',
    by: SANCTION_PROCESS_ACTOR,
    rows: cureRows(s, cure),
    events: [],
    clocks: [{ op: 'cancel', purpose: purposes.cureActivity(n), reasonCode: 'cure-activity-period-ended' }],
  };
}

export function requestStateHearing(ctx: StepContext, s: SanctionState, r: P.StateHearingRequest): Parts {
  const sanction = s.sanction;
  if (!sanction) throw new Error('no sanction');
  const window = stateHearingWindow(ctx.input.rules, sanction.effectiveOn);
  sanction.hearing = {
    requestedOn: r.requestedOn,
    aidPaidPending: aidPaidPending(r.requestedOn, sanction.effectiveOn),
    lastDay: window.lastDay,
  };
  return { step: 'state-hearing-requested', by: r.by, rows: sanctionRow(s), events: [], clocks: [] };
}

export function decideStateHearing(ctx: StepContext, s: SanctionState, r: P.HearingDecisionRequest): Parts {
  const sanction = s.sanction;
  if (!sanction?.hearing) throw new Error('no hearing');
  Object.assign(sanction.hearing, { outcome: r.outcome, decidedOn: r.decidedOn });
  if (r.outcome === 'sustained') return { step: 'state-hearing-sustained', by: r.by, rows: sanctionRow(s), events: [], clocks: [] };
  sanction.status = 'reversed';
  const parts = goodCause(ctx, s, 'state-hearing-reversed', 'state-hearing', r.decidedOn, r.by);
  return { ...parts, rows: [...sanctionRow(s), ...parts.rows], clocks: [{ op: 'cancel-all', reasonCode: 'state-hearing-reversed' }] };
}

/** Child welfare knows the family: flag once; a conflicting case-plan activity proposes good cause for the worker. */
export function linkagesKnown(ctx: StepContext, s: SanctionState, signal: P.LinkagesSignal): Parts | undefined {
  const events: SanctionEvent[] = [];
  if (!s.linkages) {
    s.linkages = { source: signal.source, sourceEventId: signal.eventId, flaggedOn: ctx.today };
    events.push({
      kind: 'linkages-priority-flagged',
      id: ctx.id(),
      payload: { flaggedOn: ctx.today, source: signal.source, sourceEventId: signal.eventId },
    });
  }
  const undecided = s.status === 'compliance-period' || s.status === 'compliance-plan' || s.status === 'sanction-requested';
  if (signal.casePlanActivityConflict && undecided && !s.linkages.goodCauseProposedOn) {
    s.linkages.goodCauseProposedOn = ctx.today;
    events.push({
      kind: 'good-cause-proposed',
      id: ctx.id(),
      payload: { proposedOn: ctx.today, ground: 'cws-case-plan-activity-conflict' },
    });
  }
  if (events.length === 0) return undefined;
  return { step: 'linkages-priority', by: SANCTION_PROCESS_ACTOR, rows: [episodeRow(ctx, s)], events, clocks: [] };
}
