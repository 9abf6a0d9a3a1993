import { allHandlersFinished, condition, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  ab135Refusal,
  ab429Refusal,
  closeReasonOf,
  defaultFrCountySettings,
  frDateOf,
  frPurposes,
  windowStartOf,
  type FrAidWindowActivities,
  type FrCloseReason,
  type FrRefusal,
  type FrStepBase,
} from '@linkages/calworks-domain';
import { deadlineReachedSignal, type DeadlineReached } from '@linkages/platform-deadline-workflows';
import { initialView, validateConfirmMembers, validateInput, validateMatchAu, validateRedetermination } from './fr-aid-window.validation';
import {
  confirmMembersUpdate,
  cwsFactSignal,
  frAidWindowViewQuery,
  matchAuUpdate,
  recordRedeterminationUpdate,
  type ConfirmMembersRequest,
  type CwsFact,
  type FrAidWindowInput,
  type FrAidWindowView,
} from './fr-aid-window.messages';

const act = proxyActivities<FrAidWindowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

type Item = { type: 'fact'; eventId: string; fact: CwsFact } | { type: 'clock'; reached: DeadlineReached };

/**
 * The FR aid process of one removal (RULES.md 4, 9.9): the removal recorded and its AU members confirmed by the EW; with
 * all CalWORKs-eligible children removed, one full calendar month of temporary absence; on child welfare's plan
 * recommending cash aid, the AB 135 window of six full calendar months (prorated first month not counted, no
 * extension, one per removal), closed early by a return home, services terminated or TPR (per county) or a closed
 * case; AB 429 services with six-monthly redeterminations. Clocks are the platform's (opened with notify): the process
 * learns of them by signal, with no timer of its own.
 */
export async function frAidWindowWorkflow(input: FrAidWindowInput): Promise<FrAidWindowView> {
  validateInput(input);
  const processId = workflowInfo().workflowId;
  const now = () => new Date(Date.now()).toISOString();
  const seen = new Set<string>();
  const queue: Item[] = [];
  const view = initialView(input);
  let facts: ConfirmMembersRequest | undefined;
  let cashAidPlan: Extract<CwsFact, { kind: 'case-plan-filed' }> | undefined;
  let ab429Plan: Extract<CwsFact, { kind: 'case-plan-filed' }> | undefined;
  let ab135Refused = false;
  let ab429Refused = false;
  let ended = false;
  let recorded = false;
  let removalEventId: string | undefined;
  /** A redetermination step is being written (the EW's update, or its clock's due date): one at a time. */
  let redetermining = false;
  const oneRedeterminationAtATime = async <T>(step: () => Promise<T>): Promise<T> => {
    while (redetermining) await condition(() => !redetermining);
    redetermining = true;
    try {
      return await step();
    } finally {
      redetermining = false;
    }
  };
  const record = (kind: string, detail: Record<string, unknown> = {}) => view.timeline.push({ at: now(), kind, detail });
  const base = (): FrStepBase => ({
    removalId: input.removalId,
    familyId: input.familyId,
    caseId: input.caseId,
    countyCode: input.countyCode,
    processId,
    eventId: uuid4(),
  });
  const refuse = async (refusal: FrRefusal, at = now()) => {
    view.refusals.push({ ...refusal, at });
    record('refused', { code: refusal.code });
    await act.frRecordRefusal({ ...base(), refusal, at });
  };

  setHandler(frAidWindowViewQuery, () => view);
  setHandler(cwsFactSignal, ({ eventId, fact }) => {
    if (!eventId || seen.has(eventId)) return;
    seen.add(eventId);
    if (fact.kind === 'child-removed') removalEventId ??= eventId;
    queue.push({ type: 'fact', eventId, fact });
  });
  setHandler(deadlineReachedSignal, (reached) => {
    const key = `${reached.deadlineId}/${reached.kind}/${reached.escalationLevel ?? 0}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ type: 'clock', reached });
  });
  setHandler(
    matchAuUpdate,
    ({ auId, by }) => {
      view.auId = auId;
      record('au-matched', { auId, by });
      return view;
    },
    { validator: (req) => validateMatchAu(req, view) },
  );
  setHandler(
    confirmMembersUpdate,
    async (req) => {
      await condition(() => recorded);
      facts = req;
      const { removedMemberIds, parentMemberId, exclusions, by } = req;
      const confirmedAt = req.confirmedAt ?? now();
      view.members = { removedMemberIds, parentMemberId, confirmedAt, by };
      const eligibility = { ...req.facts, allChildrenRemoved: input.allChildrenRemoved };
      const refusal = ab135Refusal(eligibility);
      record('members-confirmed', { removedMemberIds, ...(refusal ? { ab135Refused: refusal.code } : {}) });
      const step = { ...base(), auId: view.auId ?? '', removedMemberIds, parentMemberId, exclusions, by, confirmedAt };
      const source = removalEventId ? { sourceEventId: removalEventId } : {};
      await act.frConfirmMembers({ ...step, facts: eligibility, flagEventId: uuid4(), ...source, ...(refusal ? { refusal } : {}) });
      if (refusal && input.allChildrenRemoved) {
        ab135Refused = true;
        view.refusals.push({ ...refusal, at: now() });
        if (view.status !== 'closed') view.status = 'not-eligible';
      }
      return view;
    },
    { validator: (req) => validateConfirmMembers(req, view, ended) },
  );

  setHandler(
    recordRedeterminationUpdate,
    (req) =>
      oneRedeterminationAtATime(async () => {
        const services = view.ab429;
        if (!services || services.endedOn) return view; // ended while the update waited: nothing left to meet
        const done = await act.frCompleteRedetermination({
          ...base(),
          serviceId: services.serviceId,
          completedOn: req.completedOn,
          by: req.by,
        });
        view.ab429 = {
          ...services,
          lastRedeterminationOn: req.completedOn,
          ...(done.nextRound && done.nextDueOn ? { round: done.nextRound, redeterminationDueOn: done.nextDueOn } : {}),
        };
        record('ab429-redetermination-completed', { completedOn: req.completedOn, metRound: done.metRound, nextDueOn: done.nextDueOn });
        return view;
      }),
    { validator: (req) => validateRedetermination(req, view, ended) },
  );

  /**
   * The window's six months ended: cash aid stops; AB 429 services may go on (RULES.md 4, "Services beyond 6
   * months"). Any other reason ends the process: every clock of the removal is cancelled.
   */
  const close = async (reason: FrCloseReason, closedOn: string) => {
    const endsProcess = reason !== 'window-ended' || !view.ab429 || !!view.ab429.endedOn;
    if (view.window && !view.window.closeReason) {
      view.window.closeReason = reason;
      view.window.closedOn = closedOn;
    }
    if (endsProcess) ended = true;
    record('closed', { reason, closedOn, endsProcess });
    await act.frCloseWindow({
      ...base(),
      ...(view.window ? { windowId: view.window.windowId } : {}),
      reason,
      closedOn,
      endsProcess,
      ...(reason === 'returned-home' ? { redeterminationEventId: uuid4() } : {}),
    });
    if (reason !== 'window-ended' && view.ab429 && !view.ab429.endedOn) {
      view.ab429.endedOn = closedOn;
      await act.frEndAb429Services({ ...base(), serviceId: view.ab429.serviceId, endedOn: closedOn, reason });
    }
    // Closed once its steps are written: the view never runs ahead of the rows and events.
    if (endsProcess) {
      view.closeReason = reason;
      view.status = 'closed';
    }
  };

  const onFact = async (fact: CwsFact) => {
    switch (fact.kind) {
      case 'child-removed':
        return;
      case 'case-plan-filed': {
        if (fact.recommendsCashAid && view.window) {
          await refuse({
            code: 'window-already-granted-for-removal',
            reason: `This removal already has its AB 135 window (${view.window.startsOn} to ${view.window.endsOn}); no extension, a new window needs a new removal (RULES.md 4, "Window length", "Repeat windows")`,
          });
        }
        record('case-plan', { casePlanId: fact.casePlanId, recommendsCashAid: fact.recommendsCashAid });
        await act.frRecordRecommendation({
          ...base(),
          casePlanId: fact.casePlanId,
          filedOn: fact.filedOn,
          recommendsCashAid: fact.recommendsCashAid,
          recommendsAb429Services: fact.recommendsAb429Services,
        });
        if (fact.recommendsCashAid && !cashAidPlan) {
          cashAidPlan = fact;
          view.recommendation = { casePlanId: fact.casePlanId, filedOn: fact.filedOn, planKind: fact.planKind, recommendsCashAid: true };
        }
        if (fact.recommendsAb429Services && !ab429Plan) ab429Plan = fact;
        return;
      }
      case 'fr-services-good-cause': {
        const services = view.ab429;
        if (!services) {
          record('good-cause-not-applicable', { reason: 'no AB 429 services for this removal' });
          return;
        }
        const granted = await act.frGrantAb429GoodCause({
          ...base(),
          serviceId: services.serviceId,
          grantedOn: fact.grantedOn,
          continuesThrough: fact.continuesThrough,
          maxDaysPastPeriod: input.settings.ab429GoodCauseMaxDays ?? defaultFrCountySettings.ab429GoodCauseMaxDays,
        });
        if ('refusal' in granted) return refuse(granted.refusal);
        view.ab429 = { ...services, goodCauseThrough: granted.continuesThrough };
        record('ab429-good-cause', {
          grantedOn: fact.grantedOn,
          continuesThrough: granted.continuesThrough,
          periodEndsOn: granted.periodEndsOn,
        });
        return;
      }
      default: {
        const reason = closeReasonOf(fact.kind === 'child-reunified' ? fact : { kind: fact.kind }, input.settings);
        if (!reason) {
          record('fact-kept-window', { kind: fact.kind });
          return;
        }
        const on = fact.kind === 'child-reunified' ? fact.returnedOn : fact.kind === 'case-closed' ? fact.closedOn : fact.terminatedOn;
        await close(reason, on);
        return;
      }
    }
  };

  const onClock = async (r: DeadlineReached) => {
    const purpose = r.subjectRef.split('/').slice(2).join('/');
    if (r.kind !== 'due') {
      record('clock', { purpose, kind: r.kind, level: r.escalationLevel });
      return;
    }
    if (purpose === frPurposes.temporaryAbsence && view.temporaryAbsence) {
      view.temporaryAbsence.ended = true;
      record('temporary-absence-ended', { endsOn: view.temporaryAbsence.endsOn });
      if (!cashAidPlan && !ended) {
        view.status = ab135Refused ? view.status : 'awaiting-recommendation';
        view.recommendationEscalatedAt = now();
        await act.frEscalateMissingRecommendation({ ...base(), at: r.at });
      }
    } else if (purpose === frPurposes.window && view.window && !view.window.closeReason) {
      await close('window-ended', view.window.endsOn);
    } else if (purpose === frPurposes.ab429Services && view.ab429 && !view.ab429.endedOn) {
      // The period ends on its last day (the clock's due date), not on the instant the due signal arrived.
      view.ab429.endedOn = frDateOf(r.dueAt ?? r.at);
      if (view.window?.closeReason || ab135Refused) view.status = 'closed';
      await act.frEndAb429Services({ ...base(), serviceId: view.ab429.serviceId, endedOn: view.ab429.endedOn, reason: 'period-ended' });
    } else if (purpose.startsWith(`${frPurposes.ab429Redetermination}-`) && view.ab429) {
      if (redetermining) await condition(() => !redetermining); // the EW's redetermination is being written
      const services = view.ab429;
      const round = services.round;
      // Only the round still open is due (a round the EW met meanwhile sends no due; an earlier round is not re-run).
      if (purpose !== `${frPurposes.ab429Redetermination}-${round}`) {
        record('clock', { purpose, kind: r.kind, note: 'not the current redetermination round' });
        return;
      }
      const { nextDueOn } = await act.frRedeterminationDue({
        ...base(),
        serviceId: services.serviceId,
        round,
        dueOn: frDateOf(r.dueAt ?? r.at),
        openNext: !services.endedOn,
      });
      if (nextDueOn) view.ab429 = { ...view.ab429, round: round + 1, redeterminationDueOn: nextDueOn };
    }
  };

  const windowDue = () =>
    !ended && !view.window && !ab135Refused && !!facts && !!cashAidPlan && !!view.temporaryAbsence?.ended && input.allChildrenRemoved;
  const ab429Due = () => !ended && !view.ab429 && !ab429Refused && !!facts && !!ab429Plan;

  const openWindow = async () => {
    if (!cashAidPlan || !view.temporaryAbsence) return;
    const start = windowStartOf({
      temporaryAbsenceDueAt: view.temporaryAbsence.dueAt,
      recommendedOn: cashAidPlan.filedOn,
      planKind: cashAidPlan.planKind,
    });
    const windowId = uuid4();
    const opened = await act.frOpenWindow({
      ...base(),
      windowId,
      startsOn: start.startsOn,
      startAt: start.startAt,
      because: start.because,
    });
    view.window = { windowId, startsOn: start.startsOn, endsOn: opened.endsOn, because: start.because };
    view.status = 'window-open';
    record('window-opened', { windowId, startsOn: start.startsOn, endsOn: opened.endsOn });
  };

  const startAb429 = async () => {
    if (!ab429Plan || !facts) return;
    const refusal = ab429Refusal({ ...facts.facts, allChildrenRemoved: input.allChildrenRemoved }, facts.exclusions);
    if (refusal) {
      ab429Refused = true;
      return refuse(refusal);
    }
    const serviceId = uuid4();
    const { redeterminationDueOn } = await act.frContinueAb429Services({
      ...base(),
      serviceId,
      parentMemberId: facts.parentMemberId,
      startsOn: ab429Plan.filedOn,
      ...(ab429Plan.nextUpdateDue ? { cwsReviewBy: ab429Plan.nextUpdateDue } : {}),
    });
    view.ab429 = { serviceId, startsOn: ab429Plan.filedOn, redeterminationDueOn, round: 1 };
    record('ab429-services-continued', { serviceId, redeterminationDueOn });
  };

  // 1. The AU: known from the case number, or matched by the eligibility worker from the review list.
  await condition(() => view.auId !== null || queue.some((i) => i.type === 'fact' && i.fact.kind === 'case-closed'));
  if (view.auId) {
    const { childId, removedAt, allChildrenRemoved } = input;
    await act.frRecordRemoval({ ...base(), auId: view.auId, childId, removedAt, allChildrenRemoved });
    recorded = true;
    // 2. All CalWORKs-eligible children removed: one full calendar month of temporary absence.
    if (input.allChildrenRemoved) {
      view.status = 'temporary-absence';
      const absence = await act.frStartTemporaryAbsence({ ...base(), removedAt: input.removedAt });
      view.temporaryAbsence = { endsOn: absence.endsOn, dueAt: absence.dueAt, ended: false };
      record('temporary-absence-started', { endsOn: absence.endsOn });
    } else {
      view.status = 'partial-removal';
      record('partial-removal', {});
    }
  }
  // 3. React to child welfare's facts, the eligibility worker and the clocks until the process has nothing left.
  const finished = () =>
    ended ||
    (!input.allChildrenRemoved && !!view.members) ||
    (ab135Refused && (ab429Refused || !!view.ab429?.endedOn)) ||
    (!!view.window?.closeReason && (!view.ab429 || !!view.ab429.endedOn));
  while (!finished()) {
    await condition(() => queue.length > 0 || windowDue() || ab429Due() || finished());
    if (finished()) break;
    if (windowDue()) await openWindow();
    else if (ab429Due()) await startAb429();
    else {
      const item = queue.shift();
      if (item?.type === 'fact') await onFact(item.fact);
      else if (item) await onClock(item.reached);
    }
  }
  await condition(allHandlersFinished);
  return view;
}
