import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  californiaDate,
  childCareInPlace,
  extendChildCareGoodCause,
  refuseChildCareExtension,
  compliancePeriodEnd,
  compliancePeriodEnded,
  completeCure,
  cureActivityEnded,
  decideStateHearing,
  episodeRefOf,
  findGoodCause,
  initialSanctionState,
  linkagesKnown,
  openEpisode,
  recordPlanOutcome,
  refuseChildCareInPlace,
  refuseCompliancePlan,
  refuseCure,
  refuseCureCompleted,
  refuseCurePlan,
  refuseGoodCause,
  refuseHearingDecision,
  refusePlanOutcome,
  refuseReview,
  refuseStart,
  refuseStateHearing,
  requestCure,
  requestStateHearing,
  reviewSanctionRequest,
  signCompliancePlan,
  signCurePlan,
  untickGuardReached,
  type Parts,
  type Refusal,
  type SanctionActivities,
  type SanctionInput,
  type SanctionState,
  type SanctionView,
  type StepContext,
} from '@linkages/calworks-domain';
import { deadlineReachedSignal, type DeadlineReached } from '@linkages/platform-deadline-workflows';
import {
  SANCTION_REFUSED,
  childCareExtensionUpdate,
  childCareInPlaceUpdate,
  compliancePlanOutcomeUpdate,
  compliancePlanUpdate,
  cureCompletedUpdate,
  cureRequestUpdate,
  curePlanUpdate,
  goodCauseUpdate,
  hearingDecisionUpdate,
  linkagesKnownSignal,
  sanctionOpenedUpdate,
  sanctionViewQuery,
  stateHearingUpdate,
  supervisorReviewUpdate,
} from './sanction.messages';

const { recordSanctionStep } = proxyActivities<SanctionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const refused = (refusal: Refusal) => {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, SANCTION_REFUSED);
};

/**
 * The WTW sanction process of one noncompliance episode (RULES.md 3): NA 840/845 → 20-day compliance period → good
 * cause, a compliance plan, or a sanction request the supervisor reviews → sanction → cure; the ACL 15-99 guard at day
 * 60. Decisions and dates come from the domain (calworks-domain sanction-*); each step is one activity call that
 * writes its rows, events and clocks in one transaction. The legal deadlines are clocks (TrackedDeadlines) opened
 * with `notify` = this workflow: it learns that day 20, a review's working day or day 60 passed from
 * deadlineReachedSignal, and keeps no timer of its own. Steps run one at a time, in the order they were accepted.
 */
export async function sanctionWorkflow(input: SanctionInput): Promise<SanctionView> {
  const today = () => californiaDate(Date.now());
  if (!input.state) refused(refuseStart(input, today()));
  const state: SanctionState = input.state ?? initialSanctionState();
  const workflowId = workflowInfo().workflowId;
  const period = compliancePeriodEnd(input.rules, input.noticeIssuedOn);
  let written = input.state !== undefined;

  const ctx = (): StepContext => ({ input, workflowId, id: uuid4, today: today(), now: new Date(Date.now()).toISOString() });
  const view = (): SanctionView => ({
    episodeId: input.episodeId,
    familyId: input.familyId,
    participantId: input.participantId,
    auId: input.auId,
    countyCode: input.countyCode,
    noticeForm: input.noticeForm,
    noticeIssuedOn: input.noticeIssuedOn,
    reason: input.reason,
    compliancePeriodEndsOn: period.dueDate,
    compliancePeriodExplanation: period.explanation.summary,
    state,
  });

  // One step at a time: a step's rows may reference the one before, and its refusal is checked again when its turn comes.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const run = async (parts: Parts | undefined) => {
    if (parts) await recordSanctionStep({ episode: episodeRefOf(ctx()), ...parts });
  };
  const step =
    <R>(refuse: (r: R) => Refusal, apply: (c: StepContext, s: SanctionState, r: R) => Parts) =>
    (r: R): Promise<SanctionView> =>
      serial(async () => {
        refused(refuse(r));
        await run(apply(ctx(), state, r));
        return view();
      });
  const validated = <R>(refuse: (r: R) => Refusal) => ({ validator: (r: R) => refused(refuse(r)) });
  const update = <R>(
    def: UpdateDefinition<SanctionView, [R]>,
    refuse: (r: R) => Refusal,
    apply: (c: StepContext, s: SanctionState, r: R) => Parts,
  ) => setHandler(def, step(refuse, apply), validated(refuse));

  setHandler(sanctionViewQuery, view);
  setHandler(sanctionOpenedUpdate, async () => {
    await condition(() => written);
    return view();
  });
  update(goodCauseUpdate, (r) => refuseGoodCause(state, input, r, today()), findGoodCause);
  update(compliancePlanUpdate, (r) => refuseCompliancePlan(state, input, r, today()), signCompliancePlan);
  update(compliancePlanOutcomeUpdate, (r) => refusePlanOutcome(state, r, today()), recordPlanOutcome);
  update(supervisorReviewUpdate, (r) => refuseReview(state, r, today()), reviewSanctionRequest);
  update(cureRequestUpdate, (r) => refuseCure(state, r, today()), requestCure);
  update(curePlanUpdate, (r) => refuseCurePlan(state, r, today()), signCurePlan);
  update(childCareExtensionUpdate, (r) => refuseChildCareExtension(state, input.rules, r, today()), extendChildCareGoodCause);
  update(childCareInPlaceUpdate, (r) => refuseChildCareInPlace(state, r, today()), childCareInPlace);
  update(cureCompletedUpdate, (r) => refuseCureCompleted(state, r, today()), completeCure);
  update(stateHearingUpdate, (r) => refuseStateHearing(state, input.rules, r, today()), requestStateHearing);
  update(hearingDecisionUpdate, (r) => refuseHearingDecision(state, r, today()), decideStateHearing);

  setHandler(linkagesKnownSignal, async (signal) => {
    if (state.seen.includes(signal.eventId)) return;
    state.seen.push(signal.eventId);
    await serial(() => run(linkagesKnown(ctx(), state, signal)));
  });

  setHandler(deadlineReachedSignal, async (reached: DeadlineReached) => {
    const key = `${reached.deadlineId}:${reached.kind}:${reached.escalationLevel ?? 0}`;
    if (state.seen.includes(key)) return;
    state.seen.push(key);
    const purpose = reached.subjectRef.split('/')[2] ?? '';
    state.clockNotices.push({
      purpose,
      kind: reached.kind,
      at: reached.at,
      ...(reached.escalationLevel ? { escalationLevel: reached.escalationLevel } : {}),
    });
    if (reached.kind === 'overdue' && purpose === 'sanction-review' && state.request)
      state.request.escalationLevel = Math.max(state.request.escalationLevel, reached.escalationLevel ?? 1);
    if (reached.kind !== 'due') return;
    if (purpose === 'compliance-period') await serial(() => run(compliancePeriodEnded(ctx(), state, reached.dueAt ?? reached.at)));
    else if (purpose === 'untick-guard') await serial(() => run(untickGuardReached(ctx(), state, reached.dueAt ?? reached.at)));
    else if (purpose.startsWith('cure-activity-')) await serial(() => run(cureActivityEnded(ctx(), state, Number(purpose.slice(14)))));
  });

  if (!written) {
    await serial(() => run(openEpisode(ctx(), state)));
    written = true;
    log.info('Sanction process opened', { episodeId: input.episodeId, compliancePeriodEndsOn: period.dueDate });
  }
  const resolved = () => state.status === 'resolved';
  while (!resolved()) {
    await condition(() => resolved() || workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000);
    if (resolved()) break;
    await chain;
    await condition(allHandlersFinished);
    await continueAsNew<typeof sanctionWorkflow>({ ...input, state });
  }
  await chain;
  await condition(allHandlersFinished);
  return view();
}
