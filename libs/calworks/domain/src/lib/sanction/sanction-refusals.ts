import { compliancePeriodEnd, isCalendarDate, stateHearingWindow, type SanctionRules } from './sanction-dates';
import {
  currentCure,
  type ChildCareExtensionRequest,
  type ChildCareInPlaceRequest,
  type CompliancePlanRequest,
  type CureCompletedRequest,
  type CurePlanRequest,
  type CureRequest,
  type GoodCauseRequest,
  type HearingDecisionRequest,
  type PlanOutcomeRequest,
  type SanctionInput,
  type SanctionState,
  type StateHearingRequest,
  type SupervisorReviewRequest,
} from './sanction-process';
import {
  goodCauseGrounds,
  isGoodCauseGround,
  isSupervisorGround,
  noncomplianceReasons,
  noticeForms,
  supervisorGoodCauseGrounds,
} from './sanction.vocabulary';

// Why a request would be refused (undefined: accepted). The workflow's update validators call these, so a refused
// request changes nothing and says why (issue 12 item 6).

export type Refusal = string | undefined;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A fact's date: a real date, not in the future (California today), not before `notBefore`. */
export function refuseDate(what: string, date: unknown, today: string, notBefore?: { date: string; what: string }): Refusal {
  if (!isCalendarDate(date)) return `${what} must be a date (YYYY-MM-DD)`;
  if (date > today) return `${what} (${date}) is in the future (today is ${today} in California)`;
  if (notBefore && date < notBefore.date) return `${what} (${date}) is before ${notBefore.what} (${notBefore.date})`;
  return undefined;
}

const refuseActor = (by: unknown): Refusal =>
  typeof by === 'string' && uuid.test(by) ? undefined : 'who acted (by) must be a staff id (UUID)';
const first = (...refusals: (() => Refusal)[]): Refusal => {
  for (const r of refusals) {
    const refusal = r();
    if (refusal) return refusal;
  }
  return undefined;
};
const statusWords: Record<SanctionState['status'], string> = {
  'compliance-period': 'in its compliance period',
  'compliance-plan': 'on a compliance plan',
  'sanction-requested': 'awaiting the supervisor’s review of a sanction request',
  sanctioned: 'sanctioned',
  resolved: 'resolved',
};
const requireStatus = (s: SanctionState, allowed: SanctionState['status'][], what: string): Refusal =>
  allowed.includes(s.status) ? undefined : `${what} is not possible: the episode is ${statusWords[s.status]}`;

export function refuseStart(input: SanctionInput, today: string): Refusal {
  for (const key of ['episodeId', 'familyId', 'participantId', 'auId'] as const)
    if (!uuid.test(String(input?.[key]))) return `${key} must be a UUID`;
  if (!/^06[0-9]{3}$/.test(String(input.countyCode))) return 'countyCode must be a California county FIPS code (06xxx)';
  if (!(noticeForms as readonly string[]).includes(input.noticeForm)) return `noticeForm must be one of ${noticeForms.join(', ')}`;
  if (!(noncomplianceReasons as readonly string[]).includes(input.reason))
    return `reason must be one of ${noncomplianceReasons.join(', ')}`;
  if (!input.rules?.compliancePeriod) return 'the county’s rules (sanctionRulesFor) are missing';
  return refuseDate('noticeIssuedOn', input.noticeIssuedOn, today);
}

export const refuseGoodCause = (s: SanctionState, input: SanctionInput, r: GoodCauseRequest, today: string): Refusal =>
  first(
    () => requireStatus(s, ['compliance-period'], 'Good cause in the compliance period'),
    () =>
      isGoodCauseGround(r.ground)
        ? undefined
        : `'${String(r.ground)}' is not a good-cause ground: use one of ${goodCauseGrounds.join(', ')}`,
    () => refuseDate('determinedOn', r.determinedOn, today, { date: input.noticeIssuedOn, what: 'the notice' }),
    () => refuseActor(r.by),
  );

export const refuseCompliancePlan = (s: SanctionState, input: SanctionInput, r: CompliancePlanRequest, today: string): Refusal =>
  first(
    () =>
      s.sanction
        ? 'A compliance plan cannot be signed after the sanction is imposed: the participant may ask to cure it instead'
        : undefined,
    () => requireStatus(s, ['compliance-period'], 'A compliance plan'),
    () => refuseDate('signedOn', r.signedOn, today, { date: input.noticeIssuedOn, what: 'the notice' }),
    () => {
      const end = compliancePeriodEnd(input.rules, input.noticeIssuedOn).dueDate;
      return end && r.signedOn > end ? `signedOn (${r.signedOn}) is after day 20 of the compliance period (${end})` : undefined;
    },
    () => (isCalendarDate(r.planEndsOn) && r.planEndsOn >= r.signedOn ? undefined : 'planEndsOn must be a date on or after signedOn'),
    () => refuseActor(r.by),
  );

export const refusePlanOutcome = (s: SanctionState, r: PlanOutcomeRequest, today: string): Refusal =>
  first(
    () => requireStatus(s, ['compliance-plan'], 'A compliance plan outcome'),
    () => (r.outcome === 'completed' || r.outcome === 'failed' ? undefined : 'outcome must be completed or failed'),
    () => refuseDate('on', r.on, today, { date: s.compliancePlan?.signedOn ?? '', what: 'the plan’s signature' }),
    () =>
      r.goodCauseGround === undefined || (r.outcome === 'failed' && isGoodCauseGround(r.goodCauseGround))
        ? undefined
        : `goodCauseGround applies to a failed plan and must be one of ${goodCauseGrounds.join(', ')}`,
    () => refuseActor(r.by),
  );

export const refuseReview = (s: SanctionState, r: SupervisorReviewRequest, today: string): Refusal =>
  first(
    () => requireStatus(s, ['sanction-requested'], 'A supervisor review'),
    () => (r.decision === 'sanction' || r.decision === 'good-cause' ? undefined : 'decision must be sanction or good-cause'),
    () =>
      r.decision === 'good-cause' && !isSupervisorGround(r.ground)
        ? `'${String(r.ground)}' is not a ground for the supervisor's good cause: use one of ${supervisorGoodCauseGrounds.join(', ')}`
        : r.decision === 'sanction' && r.ground !== undefined
          ? 'a sanction decision takes no ground'
          : undefined,
    () => refuseDate('reviewedOn', r.reviewedOn, today, { date: s.request?.requestedOn ?? '', what: 'the sanction request' }),
    () => refuseActor(r.by),
  );

export const refuseCure = (s: SanctionState, r: CureRequest, today: string): Refusal =>
  first(
    () => (s.sanction?.status === 'imposed' ? undefined : 'A cure needs a sanction in force: this participant has no sanction to cure'),
    () => (currentCure(s) ? 'A cure is already in progress' : undefined),
    () => (typeof r.childCareNeeded === 'boolean' ? undefined : 'childCareNeeded must be true or false'),
    () => refuseDate('contactOn', r.contactOn, today, { date: s.request?.requestedOn ?? '', what: 'the sanction request' }),
    () => refuseActor(r.by),
  );

export const refuseCurePlan = (s: SanctionState, r: CurePlanRequest, today: string): Refusal => {
  const cure = currentCure(s);
  return first(
    () => (cure ? undefined : 'No cure has been asked for'),
    () => (cure?.plan ? 'The cure plan is already signed' : undefined),
    () => refuseDate('signedOn', r.signedOn, today, { date: cure?.contactOn ?? '', what: 'the cure contact' }),
    () => refuseActor(r.by),
  );
};

export const refuseChildCareInPlace = (s: SanctionState, r: ChildCareInPlaceRequest, today: string): Refusal => {
  const cure = currentCure(s);
  return first(
    () => (cure?.childCare === 'arranging' ? undefined : 'No child care is being arranged for a cure'),
    () => refuseDate('on', r.on, today, { date: cure?.contactOn ?? '', what: 'the cure contact' }),
    () => refuseActor(r.by),
  );
};

export const refuseChildCareExtension = (s: SanctionState, rules: SanctionRules, r: ChildCareExtensionRequest, today: string): Refusal => {
  const cure = currentCure(s);
  return first(
    () => (rules.childCare ? undefined : 'This episode’s process predates SB 80 increments: extend the clock directly'),
    () => (cure?.childCare === 'arranging' ? undefined : 'No child care is being arranged for a cure'),
    () =>
      cure?.childCareGoodCauseUntil ? 'The SB 80 good cause was already extended: 30 days is the most (LA DPSS GAIN 1370)' : undefined,
    () => refuseDate('requestedOn', r.requestedOn, today, { date: cure?.contactOn ?? '', what: 'the cure contact' }),
    () => refuseActor(r.by),
  );
};

export const refuseCureCompleted = (s: SanctionState, r: CureCompletedRequest, today: string): Refusal => {
  const cure = currentCure(s);
  return first(
    () => (cure ? undefined : 'No cure is in progress'),
    () =>
      cure?.plan?.activityStartedOn
        ? undefined
        : 'The cure activity has not started (the cure plan is not signed, or child care is not in place: SB 80)',
    () => refuseDate('completedOn', r.completedOn, today, { date: cure?.plan?.activityStartedOn ?? '', what: 'the cure activity’s start' }),
    () => refuseActor(r.by),
  );
};

export const refuseStateHearing = (s: SanctionState, rules: SanctionRules, r: StateHearingRequest, today: string): Refusal =>
  first(
    () => (s.sanction?.status === 'imposed' ? undefined : 'A state hearing request needs a sanction in force'),
    () => (s.sanction?.hearing && !s.sanction.hearing.outcome ? 'A state hearing is already pending' : undefined),
    () => refuseDate('requestedOn', r.requestedOn, today, { date: s.sanction?.imposedOn ?? '', what: 'the sanction' }),
    () => {
      const window = s.sanction ? stateHearingWindow(rules, s.sanction.effectiveOn) : undefined;
      return window && r.requestedOn > window.lastDay
        ? `The request (${r.requestedOn}) is more than 90 days after the action took effect: the last day was ${window.lastDay} (MPP 22-009.1)`
        : undefined;
    },
    () => refuseActor(r.by),
  );

export const refuseHearingDecision = (s: SanctionState, r: HearingDecisionRequest, today: string): Refusal =>
  first(
    () => (s.sanction?.hearing && !s.sanction.hearing.outcome ? undefined : 'No state hearing is pending'),
    () => (r.outcome === 'sustained' || r.outcome === 'reversed' ? undefined : 'outcome must be sustained or reversed'),
    () => refuseDate('decidedOn', r.decidedOn, today, { date: s.sanction?.hearing?.requestedOn ?? '', what: 'the hearing request' }),
    () => refuseActor(r.by),
  );
