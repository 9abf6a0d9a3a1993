import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import {
  computeDue,
  escalationPolicyOf,
  isoDurationMs,
  type DeadlineActivities,
  type DeadlineEventInput,
  type DueResult,
} from '@linkages/platform-deadlines';
import {
  acknowledgeUpdate,
  cancelUpdate,
  deadlineReachedSignal,
  deadlineViewQuery,
  extendUpdate,
  pauseUpdate,
  recalculateUpdate,
  resumeUpdate,
  satisfyUpdate,
  type DeadlineInput,
  type DeadlineReached,
  type DeadlineState,
  type DeadlineView,
} from './deadline.messages';

export const deadlineSearchAttributes = {
  status: defineSearchAttributeKey('DeadlineStatus', SearchAttributeType.KEYWORD),
  dueAt: defineSearchAttributeKey('DeadlineDueAt', SearchAttributeType.DATETIME),
};

const eventActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;
const { emitDeadlineEvent } = proxyActivities<DeadlineActivities>(eventActivityOptions);
/** The same activity run as a local activity (LOCAL_EVENTS_PATCH): one marker in the workflow task, no task round trip. */
const local = proxyLocalActivities<DeadlineActivities>(eventActivityOptions);

const invalid = (message: string) => ApplicationFailure.nonRetryable(message, 'InvalidDeadlineRequest');

/** Who acted: a staff member's pseudonymous id (a UUID), never a name. */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const requireActor = (by: string | undefined, what: string) => {
  if (!by || !uuid.test(by)) throw invalid(`${what} needs who acted (by): a staff id (UUID)`);
};

/** Clock skew allowed between the recording system and the workflow for a fact's instant. */
export const FACT_SKEW_MS = 5 * 60_000;

/**
 * Patch ids (STYLE 11). A run started before a patch replays without it (patched() is false there).
 * - FACT_INSTANT: `satisfy` judges timeliness by the fact's own `at`, and the timeline says when it was recorded late.
 * - STALE_STAGES: a clock opened after some of its reminders' instants passed does not send those reminders (only the
 *   latest, while the due instant is still ahead), and says so in the timeline.
 */
export const FACT_INSTANT_PATCH = 'satisfy-at-fact-instant';
export const STALE_STAGES_PATCH = 'skip-stale-stages-at-open';
/** - EXTEND_DIRECTION: a published `extended` event says which way the date moved (`earlier` is not an extension). */
export const EXTEND_DIRECTION_PATCH = 'extended-event-direction';
/**
 * - MOVED_EARLIER: a date moved earlier is recorded as `moved-earlier` on the timeline and published as its own event
 *   type (`deadline-moved-earlier`), never as an extension.
 */
export const MOVED_EARLIER_PATCH = 'moved-earlier-event';

/**
 * - ESCALATION_IN_NOTIFICATIONS: the clock owns the legal clock, notifications owns escalation (DESIGN 2, issue 14). A
 *   missed clock publishes one `overdue` (level 0) carrying the rule's ladder and escalation policy, and raises no level
 *   itself; acknowledgment goes to notifications. Runs started before keep running their own ladder.
 * - CANCELLED_EVENT: a cancelled clock publishes `deadline-cancelled` (an escalation of it ends).
 */
export const ESCALATION_IN_NOTIFICATIONS_PATCH = 'escalation-owned-by-notifications';
export const CANCELLED_EVENT_PATCH = 'cancelled-event';

/**
 * - LOCAL_EVENTS: a stage's deadline event is written by a local activity. A regular activity costs the server an
 *   activity task (scheduled, started, completed) and a second workflow task to hear the result; a local activity runs
 *   on the worker inside the workflow task and is recorded as one marker. Measured by `npm run bench:deadlines` (issue
 *   16): it halves the history of a lifecycle and the server's CPU per deadline. The guarantee is unchanged: the event
 *   id comes from the workflow and the outbox ignores an id it holds, so a local activity re-run after a crash (the
 *   workflow task is retried) writes the event once. Runs already past this point replay with regular activities.
 */
export const LOCAL_EVENTS_PATCH = 'deadline-events-local-activity';

/** Which way a due instant moved; a date moved earlier is not an extension. */
const directionOf = (previousDueAt: string | null, dueAt: string | null): 'later' | 'earlier' =>
  previousDueAt && dueAt && Date.parse(dueAt) < Date.parse(previousDueAt) ? 'earlier' : 'later';

/**
 * A durable legal deadline: reminders before the due instant, the due stage, then an escalation ladder in which
 * each level has an acknowledgment window before the next is raised. Satisfy, extend (reason code, who), pause and
 * resume (the clock stops), acknowledge, recalculate (policy or calendar changed) and cancel arrive as updates,
 * validated before they are accepted. Every stage change is published as a deadline event by an activity through
 * the owning service's outbox. The due date and its explanation come from computeDue, which is pure.
 */
export async function deadlineWorkflow(input: DeadlineInput): Promise<DeadlineView> {
  if (!input?.deadlineId || !input.owner?.familyId || !input.policy?.id || !input.calendar?.id || !input.startAt) {
    throw invalid('deadlineWorkflow needs deadlineId, owner, policy, calendar and startAt');
  }
  let policy = input.policy;
  let calendar = input.calendar;
  const now = () => new Date(Date.now()).toISOString();
  const state: DeadlineState = input.state ?? {
    status: 'pending',
    pauses: [],
    extensions: [],
    remindersSent: 0,
    dueEmitted: false,
    escalationLevel: 0,
    acknowledged: [],
    timeline: [],
  };
  const raisedAt: Record<number, string> = {};
  for (const entry of state.timeline) if (entry.kind === 'escalated') raisedAt[entry.detail['level'] as number] = entry.at;

  const compute = (): DueResult =>
    computeDue(policy, input.startAt, calendar, {
      pauses: state.pauses,
      extensions: state.extensions,
      ...(state.override ? { override: state.override } : {}),
    });
  let due = compute();
  let dirty = false;
  const record = (kind: string, detail: Record<string, unknown> = {}) => state.timeline.push({ at: now(), kind, detail });
  const view = (): DeadlineView => ({
    deadlineId: input.deadlineId,
    owner: input.owner,
    ruleId: policy.id,
    startAt: input.startAt,
    state,
    due,
  });
  const terminal = () => state.status === 'satisfied' || state.status === 'cancelled';
  const reminderAt = (i: number) => (due.dueAt ? Date.parse(due.dueAt) - isoDurationMs(policy.reminders[i]?.before ?? 'PT0S') : Infinity);

  const publishSearchAttributes = () =>
    upsertSearchAttributes([
      { key: deadlineSearchAttributes.status, value: state.status },
      ...(due.dueAt ? [{ key: deadlineSearchAttributes.dueAt, value: new Date(due.dueAt) }] : []),
    ]);

  const emit = (kind: DeadlineEventInput['kind'], extra: Partial<DeadlineEventInput> = {}) =>
    (patched(LOCAL_EVENTS_PATCH) ? local.emitDeadlineEvent : emitDeadlineEvent)({
      eventId: uuid4(),
      kind,
      deadlineId: input.deadlineId,
      familyId: input.owner.familyId,
      countyCode: input.owner.countyCode,
      ruleId: policy.id,
      citation: policy.citation,
      subjectRef: input.owner.subjectRef,
      ownerService: input.owner.service,
      dueAt: due.dueAt ?? now(),
      correlationId: workflowInfo().workflowId,
      explanation: due.explanation.summary.slice(0, 2000),
      ...extra,
    });

  /**
   * Tells the owner's process (owner.notify) that this clock reached a stage. Only runs opened with `notify` signal,
   * so runs without it replay unchanged. A process that no longer exists is not an error of the clock.
   */
  const tell = async (kind: DeadlineReached['kind'], extra: Partial<DeadlineReached> = {}) => {
    if (!input.owner.notify) return;
    const reached: DeadlineReached = {
      deadlineId: input.deadlineId,
      subjectRef: input.owner.subjectRef,
      ruleId: policy.id,
      kind,
      dueAt: due.dueAt,
      at: now(),
      ...extra,
    };
    try {
      await getExternalWorkflowHandle(input.owner.notify).signal(deadlineReachedSignal, reached);
    } catch (err) {
      log.warn('Could not tell the owning process', { deadlineId: input.deadlineId, kind, error: String(err) });
    }
  };

  /** After the due date moved: reminders still ahead fire again; a deadline no longer past due stops escalating. */
  const rearm = () => {
    due = compute();
    const t = Date.now();
    state.remindersSent = policy.reminders.filter((_, i) => reminderAt(i) <= t).length;
    if (due.dueAt && Date.parse(due.dueAt) > t && state.status !== 'paused') {
      state.dueEmitted = false;
      state.escalationLevel = 0;
      delete state.overdueSince;
      state.status = 'pending';
    }
    publishSearchAttributes();
    dirty = true;
  };

  const requireOpen = () => {
    if (terminal()) throw invalid(`The deadline is ${state.status}`);
  };

  /**
   * Publishes a moved due date: an extension (`extended`), or, from MOVED_EARLIER on, a date moved earlier as its own
   * kind. `timeline`: the extend request, recorded on the timeline (recalculate records its own entry).
   */
  const publishMove = async (
    direction: 'later' | 'earlier',
    previousDueAt: string | null,
    reasonCode: string,
    by: string,
    timeline?: Record<string, unknown>,
  ) => {
    const earlier = direction === 'earlier' && patched(MOVED_EARLIER_PATCH);
    if (timeline) record(earlier ? 'moved-earlier' : 'extended', { ...timeline, previousDueAt, dueAt: due.dueAt, direction });
    if (earlier) await emit('moved-earlier', { previousDueAt: previousDueAt ?? now(), reasonCode, extendedBy: by });
    else
      await emit('extended', {
        previousDueAt: previousDueAt ?? now(),
        reasonCode,
        extendedBy: by,
        ...(patched(EXTEND_DIRECTION_PATCH) ? { direction } : {}),
      });
  };

  setHandler(deadlineViewQuery, view);

  setHandler(
    satisfyUpdate,
    async ({ by, at }) => {
      const recordedAt = now();
      // Old runs (and requests without `at`) are judged at the workflow time, as before the patch.
      const factAt = at !== undefined && patched(FACT_INSTANT_PATCH) ? new Date(at).toISOString() : recordedAt;
      const late = due.dueAt !== null && Date.parse(factAt) > Date.parse(due.dueAt);
      state.satisfied = { at: factAt, by, late, ...(factAt !== recordedAt ? { recordedAt } : {}) };
      state.status = 'satisfied';
      record('satisfied', { by, late, ...(factAt !== recordedAt ? { at: factAt } : {}) });
      // Stages published after the fact had happened cannot be unsent: the timeline says they were not really reached.
      const stagesAfterFact = state.timeline
        .filter(
          (t) =>
            (t.kind === 'reminder' || t.kind === 'due' || t.kind === 'escalated' || t.kind === 'escalation-handed-over') &&
            Date.parse(t.at) > Date.parse(factAt),
        )
        .map((t) =>
          t.kind === 'escalated' ? `escalated:${String(t.detail['level'])}` : t.kind === 'escalation-handed-over' ? 'overdue' : t.kind,
        );
      if (factAt !== recordedAt && stagesAfterFact.length > 0) record('recorded-late', { factAt, recordedAt, stagesAfterFact });
      publishSearchAttributes();
      dirty = true;
      await emit('satisfied', { satisfiedAt: state.satisfied.at, satisfiedBy: by, late });
      await tell('satisfied');
      return view();
    },
    {
      validator: ({ by, at }) => {
        requireOpen();
        requireActor(by, 'satisfy');
        if (at !== undefined) {
          const t = typeof at === 'string' ? Date.parse(at) : NaN;
          if (Number.isNaN(t)) throw invalid('satisfy at must be an ISO instant');
          if (t > Date.now() + FACT_SKEW_MS) throw invalid(`satisfy at (${at}) is in the future`);
          if (t < Date.parse(input.startAt)) throw invalid(`satisfy at (${at}) is before the deadline started (${input.startAt})`);
        }
      },
    },
  );

  setHandler(
    extendUpdate,
    async (req) => {
      const previousDueAt = due.dueAt;
      if (req.dueDate) state.override = { dueDate: req.dueDate, reasonCode: req.reasonCode, by: req.by, at: now() };
      else state.extensions.push({ length: req.length ?? 0, reasonCode: req.reasonCode, by: req.by, at: now() });
      rearm();
      const direction = directionOf(previousDueAt, due.dueAt);
      await publishMove(direction, previousDueAt, req.reasonCode, req.by, { ...req });
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        if (!policy.extension.allowed) throw invalid(`${policy.id} cannot be extended (${policy.citation})`);
        if (!policy.extension.reasonCodes.includes(req.reasonCode))
          throw invalid(
            `Reason code '${req.reasonCode}' is not allowed for ${policy.id}: use one of ${policy.extension.reasonCodes.join(', ')}`,
          );
        requireActor(req.by, 'extend');
        if ((req.length === undefined) === (req.dueDate === undefined)) throw invalid('extend needs exactly one of length or dueDate');
        if (req.length !== undefined && (!Number.isInteger(req.length) || req.length < 1))
          throw invalid('extend length must be a whole number ≥ 1');
        if (req.dueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(req.dueDate)) throw invalid('extend dueDate must be YYYY-MM-DD');
        const used = state.extensions.length + (state.override ? 1 : 0);
        if (policy.extension.max !== undefined && used >= policy.extension.max)
          throw invalid(`${policy.id} allows at most ${policy.extension.max} extension(s)`);
      },
    },
  );

  setHandler(
    pauseUpdate,
    async ({ reasonCode, by }) => {
      state.pauses.push({ from: now(), reasonCode, by });
      state.status = 'paused';
      due = compute();
      record('paused', { reasonCode, by });
      publishSearchAttributes();
      dirty = true;
      return view();
    },
    {
      validator: ({ reasonCode, by }) => {
        requireOpen();
        if (state.status === 'paused') throw invalid('The deadline is already paused');
        if (!policy.pause.allowed) throw invalid(`${policy.id} cannot be paused (${policy.citation})`);
        if (!policy.pause.reasonCodes.includes(reasonCode))
          throw invalid(`Reason code '${reasonCode}' is not allowed for ${policy.id}: use one of ${policy.pause.reasonCodes.join(', ')}`);
        requireActor(by, 'pause');
      },
    },
  );

  setHandler(
    resumeUpdate,
    async ({ by }) => {
      const open = state.pauses.find((p) => p.to === undefined);
      if (open) open.to = now();
      state.status = state.dueEmitted ? 'overdue' : 'pending';
      rearm();
      record('resumed', { by, dueAt: due.dueAt });
      return view();
    },
    {
      validator: ({ by }) => {
        requireOpen();
        if (state.status !== 'paused') throw invalid('The deadline is not paused');
        requireActor(by, 'resume');
      },
    },
  );

  setHandler(
    acknowledgeUpdate,
    async ({ level, by }) => {
      state.acknowledged.push({ level, by, at: now() });
      record('acknowledged', { level, by });
      dirty = true;
      return view();
    },
    {
      validator: ({ level, by }) => {
        requireOpen();
        if (state.ladderOwner === 'notifications')
          throw invalid(
            'This deadline’s escalation is run by notifications: acknowledge it there (POST /escalations/{deadlineId}/acknowledge)',
          );
        requireActor(by, 'acknowledge');
        if (level < 1 || level > state.escalationLevel)
          throw invalid(`Level ${level} has not been raised (current level: ${state.escalationLevel})`);
      },
    },
  );

  setHandler(
    recalculateUpdate,
    async (req) => {
      const previousDueAt = due.dueAt;
      if (req.policy) policy = req.policy;
      if (req.calendar) calendar = req.calendar;
      rearm();
      record('recalculated', { by: req.by, reasonCode: req.reasonCode, previousDueAt, dueAt: due.dueAt, summary: due.explanation.summary });
      if (previousDueAt !== due.dueAt) await publishMove(directionOf(previousDueAt, due.dueAt), previousDueAt, req.reasonCode, req.by);
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req.by, 'recalculate');
        if (!req.reasonCode) throw invalid('recalculate needs a reasonCode');
        if (req.policy && req.policy.id !== policy.id) throw invalid(`recalculate cannot switch rules (${policy.id} → ${req.policy.id})`);
        if (req.calendar) computeDue(req.policy ?? policy, input.startAt, req.calendar); // throws on a malformed calendar
      },
    },
  );

  setHandler(
    cancelUpdate,
    async ({ by, reasonCode }) => {
      state.status = 'cancelled';
      record('cancelled', { by, reasonCode });
      publishSearchAttributes();
      dirty = true;
      if (patched(CANCELLED_EVENT_PATCH)) await emit('cancelled', { reasonCode, cancelledBy: by });
      await tell('cancelled');
      return view();
    },
    {
      validator: ({ by, reasonCode }) => {
        requireOpen();
        requireActor(by, 'cancel');
        if (!reasonCode) throw invalid('cancel needs a reasonCode');
      },
    },
  );

  /** The next thing that happens on its own, if nothing else does first. */
  const nextStage = (): { at: number; fire: () => Promise<void> } | undefined => {
    if (state.status === 'paused' || !due.dueAt) return undefined;
    const i = state.remindersSent;
    if (!state.dueEmitted && i < policy.reminders.length && reminderAt(i) < Date.parse(due.dueAt)) {
      return {
        at: reminderAt(i),
        fire: async () => {
          state.remindersSent++;
          const remainingMs = Math.max(0, Date.parse(due.dueAt ?? now()) - Date.now());
          record('reminder', { stage: i + 1, notify: policy.reminders[i]?.notify });
          const notify = policy.reminders[i]?.notify;
          await emit('warning', { stage: i + 1, remaining: `PT${Math.round(remainingMs / 1000)}S`, ...(notify ? { notify } : {}) });
        },
      };
    }
    if (!state.dueEmitted) {
      return {
        at: Date.parse(due.dueAt),
        fire: async () => {
          state.dueEmitted = true;
          state.status = 'overdue';
          state.overdueSince = due.dueAt ?? now();
          record('due', { dueAt: due.dueAt });
          publishSearchAttributes();
          await emit('due');
          await tell('due');
          if (policy.escalation.length === 0) return;
          if (patched(ESCALATION_IN_NOTIFICATIONS_PATCH)) await handOverEscalation();
          else await escalate(1);
        },
      };
    }
    const level = state.escalationLevel;
    const acknowledged = state.acknowledged.some((a) => a.level >= level);
    const current = policy.escalation[level - 1];
    if (state.ladderOwner === 'notifications') return undefined;
    if (level >= 1 && level < policy.escalation.length && !acknowledged && current && raisedAt[level]) {
      return { at: Date.parse(raisedAt[level]) + isoDurationMs(current.acknowledgeWithin), fire: () => escalate(level + 1) };
    }
    return undefined;
  };

  /** The ladder goes to notifications with the rule's policy; the owner's process hears `overdue` as from level 1 before. */
  const handOverEscalation = async () => {
    state.ladderOwner = 'notifications';
    record('escalation-handed-over', { to: 'notifications', levels: policy.escalation.length });
    await emit('overdue', {
      overdueSince: state.overdueSince ?? now(),
      escalationLevel: 0,
      escalation: { ownedBy: 'notifications', ladder: policy.escalation, policy: escalationPolicyOf(policy) },
    });
    await tell('overdue', { escalationLevel: 1 });
  };

  const escalate = async (level: number) => {
    state.escalationLevel = level;
    raisedAt[level] = now();
    record('escalated', { level, role: policy.escalation[level - 1]?.role });
    await emit('overdue', { overdueSince: state.overdueSince ?? now(), escalationLevel: level });
    await tell('overdue', { escalationLevel: level });
  };

  if (!input.state) {
    record('started', { dueAt: due.dueAt, summary: due.explanation.summary });
    log.info('Deadline started', { deadlineId: input.deadlineId, ruleId: policy.id, dueAt: due.dueAt });
    // Opened for a start in the past: reminders whose instants have already passed are not sent a day or a month
    // late; while the due instant is still ahead the latest of them is (it says how long is left). Due and the
    // ladder follow as usual, once.
    const t = Date.now();
    const dueAhead = due.dueAt !== null && Date.parse(due.dueAt) > t;
    const passed = policy.reminders.filter((_, i) => reminderAt(i) <= t && (!due.dueAt || reminderAt(i) < Date.parse(due.dueAt))).length;
    const skipped = dueAhead ? Math.max(0, passed - 1) : passed;
    if (skipped > 0 && patched(STALE_STAGES_PATCH)) {
      state.remindersSent = skipped;
      record('stages-skipped', {
        reminders: policy.reminders
          .slice(0, skipped)
          .map((r, i) => ({ stage: i + 1, at: new Date(reminderAt(i)).toISOString(), before: r.before })),
        dueAt: due.dueAt,
        reason: 'opened after these instants had passed',
      });
    }
  }
  publishSearchAttributes();

  while (!terminal()) {
    const next = nextStage();
    const changed = next
      ? await condition(() => dirty || terminal(), Math.max(0, next.at - Date.now()))
      : (await condition(() => dirty || terminal()), true);
    dirty = false;
    if (!changed && next) await next.fire();
    if (workflowInfo().historyLength > (input.maxHistoryEvents ?? 5000) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof deadlineWorkflow>({ ...input, policy, calendar, state });
    }
  }
  await condition(allHandlersFinished);
  return view();
}
