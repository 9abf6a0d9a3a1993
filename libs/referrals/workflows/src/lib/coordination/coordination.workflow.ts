import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  COORDINATION_REFUSED,
  applyCoordinationClock,
  applyCoordinationFact,
  applyFamilyMerged,
  applyMergedInto,
  assignLiaison,
  caseStageOf,
  countyDateOf,
  emptyFamilyFacts,
  hasCoordinationChanges,
  initialCoordinationState,
  recordJointMeeting,
  recordTaskOutcome,
  refuseJointMeeting,
  refuseLiaison,
  refuseTaskOutcome,
  type CoordinationActivities,
  type CoordinationInput,
  type CoordinationParts,
  type CoordinationRefusal,
  type CoordinationState,
  type CoordinationStepContext,
  type CoordinationView,
  type FamilyMergedSignal,
  type MergedIntoSignal,
} from '@linkages/referrals-domain';
import { deadlineReachedSignal, type DeadlineReached } from '@linkages/platform-deadline-workflows';
import {
  coordinationViewQuery,
  familyFactSignal,
  familyMergedSignal,
  jointMeetingUpdate,
  liaisonUpdate,
  mergedIntoSignal,
  taskOutcomeUpdate,
  type FamilyFactSignal,
} from './coordination.messages';

const { applyCoordinationStep, handOverCoordination } = proxyActivities<CoordinationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const refused = (refusal: CoordinationRefusal) => {
  if (refusal) throw ApplicationFailure.nonRetryable(`${refusal.code}: ${refusal.reason}`, COORDINATION_REFUSED, refusal);
};

type Item =
  | { type: 'fact'; signal: FamilyFactSignal }
  | { type: 'clock'; reached: DeadlineReached }
  | { type: 'merged'; signal: FamilyMergedSignal }
  | { type: 'merged-into'; signal: MergedIntoSignal };

/**
 * The coordination of one shared family (issue 13 item 4; plan §6), fed by both agencies' facts in the family's
 * timeline order: its strategy and enrollment (superseded as the CWS case moves), the ER + CalWORKs checklist, a
 * removal's hand-off (the CalWORKs worker contacts the CSW within 3 business days, county calendar) and AU change, the
 * joint case-planning meeting after an FM or FR case opens, and a coordinated review per CWS case plan. Decisions are
 * the domain's pure steps; each step is one activity call writing its rows, events and clocks in one transaction.
 * Every deadline is a TrackedDeadlines clock opened with `notify` = this workflow: it learns of due and overdue from
 * deadlineReachedSignal and keeps no timer of its own. Steps run one at a time, in the order accepted; after
 * `continueAfter` facts the run continues as new with its state.
 *
 * Shared families merge when matching finds one person in both: the survivor's process hears the absorbed family's
 * facts and tasks (familyMergedSignal); the absorbed family's process ends its enrollment, hands its tasks over and from
 * then on only forwards what still reaches it (its tasks' clocks notify it) to the survivor's.
 */
export async function coordinationWorkflow(input: CoordinationInput): Promise<CoordinationView> {
  if (!input?.familyId || !input.countyCode || !input.settings)
    throw ApplicationFailure.nonRetryable('coordinationWorkflow needs familyId, countyCode and settings', COORDINATION_REFUSED);
  const state: CoordinationState = input.state ?? initialCoordinationState(emptyFamilyFacts());
  state.factsInRun = 0;
  const workflowId = workflowInfo().workflowId;
  const continueAfter = input.continueAfter ?? 200;
  const now = () => new Date(Date.now()).toISOString();
  const ctx = (): CoordinationStepContext => ({ input, workflowId, id: uuid4, now: now() });
  const current = (): CoordinationView => ({
    familyId: input.familyId,
    countyCode: input.countyCode,
    enrollment: state.enrollment,
    caseStage: caseStageOf(state.facts),
    calworksStatus: state.facts.calworks.status,
    tasks: state.tasks,
    meetings: state.meetings,
  });

  // The view never runs ahead of the rows and events: it is the state as of the last step written.
  let written: CoordinationView = JSON.parse(JSON.stringify(current())) as CoordinationView;
  const view = () => written;

  // One step at a time, in the order accepted: a step's rows may depend on the one before.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const run = async (parts: CoordinationParts | undefined) => {
    if (parts && hasCoordinationChanges(parts)) {
      const { dueAt } = await applyCoordinationStep({
        family: { familyId: input.familyId, countyCode: input.countyCode, workflowId },
        ...parts,
      });
      for (const task of state.tasks) if (task.dueAt === null && dueAt[task.taskId]) task.dueAt = dueAt[task.taskId] ?? null;
    }
    written = JSON.parse(JSON.stringify(current())) as CoordinationView;
  };
  const update = <R>(
    def: UpdateDefinition<CoordinationView, [R]>,
    refuse: (r: R) => CoordinationRefusal,
    apply: (c: CoordinationStepContext, s: CoordinationState, r: R) => CoordinationParts,
  ) =>
    setHandler(
      def,
      (r: R) =>
        serial(async () => {
          refused(refuse(r)); // checked again when its turn comes
          await run(apply(ctx(), state, r));
          return view();
        }),
      { validator: (r: R) => refused(refuse(r)) },
    );

  // Merged into another family: end the enrollment, hand the tasks and meetings to the survivor's process.
  const handOver = async (signal: MergedIntoSignal) => {
    const handed = applyMergedInto(ctx(), state, signal);
    if (!handed) return;
    await run(handed.parts);
    await handOverCoordination({
      eventId: signal.eventId,
      survivorFamilyId: signal.survivorFamilyId,
      countyCode: input.countyCode,
      mergedFamilyId: input.familyId,
      tasks: handed.tasks,
      meetings: handed.meetings,
    });
  };
  // The survivor's process: `referrals/coordination/<survivor>` (same service and kind as this one).
  const forward = async (survivorFamilyId: string, item: Item) => {
    const survivor = getExternalWorkflowHandle(workflowId.replace(/[^/]+$/, survivorFamilyId));
    try {
      if (item.type === 'fact') await survivor.signal(familyFactSignal, item.signal);
      else if (item.type === 'clock') await survivor.signal(deadlineReachedSignal, item.reached);
      else if (item.type === 'merged') await survivor.signal(familyMergedSignal, item.signal);
    } catch {
      // The survivor's process is gone (it was started by the hand-over and never ends): nothing left to tell.
    }
  };

  const queue: Item[] = [];
  setHandler(coordinationViewQuery, view);
  setHandler(familyFactSignal, (signal) => {
    if (!signal?.eventId || !signal.fact) return;
    queue.push({ type: 'fact', signal });
  });
  setHandler(deadlineReachedSignal, (reached) => {
    queue.push({ type: 'clock', reached });
  });
  setHandler(familyMergedSignal, (signal) => {
    if (!signal?.eventId || !signal.mergedFamilyId) return;
    queue.push({
      type: 'merged',
      signal: { ...signal, facts: signal.facts ?? [], tasks: signal.tasks ?? [], meetings: signal.meetings ?? [] },
    });
  });
  setHandler(mergedIntoSignal, (signal) => {
    if (!signal?.eventId || !signal.survivorFamilyId || signal.survivorFamilyId === input.familyId) return;
    queue.push({ type: 'merged-into', signal });
  });
  update(taskOutcomeUpdate, (r) => refuseTaskOutcome(state, r), recordTaskOutcome);
  update(jointMeetingUpdate, (r) => refuseJointMeeting(state, r, countyDateOf(now())), recordJointMeeting);
  update(liaisonUpdate, (r) => refuseLiaison(state, r), assignLiaison);

  for (;;) {
    await condition(() => queue.length > 0 || state.factsInRun >= continueAfter || workflowInfo().continueAsNewSuggested);
    const item = queue.shift();
    if (item && state.mergedInto) await serial(() => forward(state.mergedInto ?? '', item));
    else if (item?.type === 'fact') await serial(() => run(applyCoordinationFact(ctx(), state, item.signal.eventId, item.signal.fact)));
    else if (item?.type === 'clock') await serial(() => run(applyCoordinationClock(ctx(), state, item.reached)));
    else if (item?.type === 'merged') await serial(() => run(applyFamilyMerged(ctx(), state, item.signal)));
    else if (item?.type === 'merged-into') await serial(() => handOver(item.signal));
    if (queue.length === 0 && (state.factsInRun >= continueAfter || workflowInfo().continueAsNewSuggested)) {
      await chain;
      await condition(allHandlersFinished);
      if (queue.length > 0) continue; // a signal arrived meanwhile: apply it in this run
      await continueAsNew<typeof coordinationWorkflow>({ ...input, state });
    }
  }
}
