import { ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  acknowledgeByOf,
  acknowledgeEscalation,
  acknowledgmentRefusal,
  initialEscalationState,
  nextEscalationStep,
  raiseStep,
  resolveEscalation,
  resolvesEscalation,
  rungOf,
  type EscalationActivities,
  type EscalationInput,
  type EscalationState,
  type EscalationTimelineEntry,
  type RecordEscalationRequest,
  type ResolvedRecipient,
} from '@linkages/notifications-domain';
import {
  INVALID_ESCALATION_REQUEST,
  acknowledgeEscalationUpdate,
  deadlineChangedSignal,
  escalationViewQuery,
  type DeadlineChangedSignal,
  type EscalationView,
} from './escalation.messages';

export * from './escalation.messages';

const { resolveRecipients, deliverNotification, recordEscalation } = proxyActivities<EscalationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** `notifications/escalation/<deadlineId>`: one ladder per deadline (two never run for one deadline). */
export const escalationWorkflowId = (deadlineId: string): string => `notifications/escalation/${deadlineId}`;

/** What continue-as-new carries: the input, and the state and recipients so far. */
export interface EscalationCarry {
  state: EscalationState;
  recipients: EscalationView['recipients'];
}

const now = (): string => new Date(Date.now()).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The escalation ladder of one overdue deadline (DESIGN 2: notifications owns escalation). Level 1 fires at once;
 * each level not acknowledged within its window raises the next; the terminal level repeats (capped) then waits. An
 * acknowledgment stops what is pending and re-opens the ladder at the next level after the policy's expiry; the
 * deadline satisfied, cancelled or extended past now ends it. Deterministic: workflow time and activities only.
 */
export async function escalationWorkflow(input: EscalationInput, carry?: EscalationCarry): Promise<EscalationView> {
  const { subject, frozen } = input;
  const urgent = frozen.policy.legallyUrgent;
  let state: EscalationState = carry?.state ?? initialEscalationState();
  const recipients: EscalationView['recipients'] = carry?.recipients ?? {};
  const pending: RecordEscalationRequest[] = [];
  const changes: DeadlineChangedSignal[] = [];
  const startedAt = now();

  const nextOf = (): EscalationView['next'] => {
    const step = nextEscalationStep(state, frozen, state.raisedAt ?? startedAt);
    return step ? { level: step.level, role: step.role, at: step.at } : null;
  };
  const levelNumber = (): number => (state.index >= 0 ? rungOf(frozen, state.index).level : 0);
  const view = (): EscalationView => ({
    status: state.status,
    level: levelNumber(),
    round: state.round,
    recipients,
    timeline: state.timeline,
    next: nextOf(),
  });
  const record = (entry: EscalationTimelineEntry, publish?: RecordEscalationRequest['publish']): void => {
    pending.push({ subject, status: state.status, level: levelNumber(), entry, next: nextOf(), ...(publish ? { publish } : {}) });
  };

  setHandler(escalationViewQuery, view);
  setHandler(deadlineChangedSignal, (change) => {
    changes.push(change);
  });
  setHandler(
    acknowledgeEscalationUpdate,
    (request) => {
      const at = now();
      const level = levelNumber();
      // The note (what the acknowledging person is doing about it) is shown on the timeline, never published.
      const detail = { by: request.by, via: request.via, ...(request.note ? { note: request.note } : {}) };
      const entry: EscalationTimelineEntry = { at, kind: 'acknowledged', level, detail };
      state = acknowledgeEscalation(state, request.by, at, entry);
      record(entry, { type: 'escalation-acknowledged', level, acknowledgedBy: request.by, acknowledgedAt: at });
      return view();
    },
    {
      validator: (request) => {
        if (!request || typeof request.by !== 'string' || !UUID.test(request.by))
          throw ApplicationFailure.nonRetryable('by must be a staff UUID', INVALID_ESCALATION_REQUEST);
        if (request.via !== 'api' && request.via !== 'link')
          throw ApplicationFailure.nonRetryable("via must be 'api' or 'link'", INVALID_ESCALATION_REQUEST);
        if (request.note !== undefined && (typeof request.note !== 'string' || request.note.length > 500))
          throw ApplicationFailure.nonRetryable('note must be at most 500 characters', INVALID_ESCALATION_REQUEST);
        const refusal = acknowledgmentRefusal(state, request.by);
        if (refusal) throw ApplicationFailure.nonRetryable(refusal, INVALID_ESCALATION_REQUEST);
      },
    },
  );

  if (!carry) {
    const entry: EscalationTimelineEntry = {
      at: startedAt,
      kind: 'started',
      detail: { ruleId: subject.ruleId, overdueSince: subject.overdueSince },
    };
    state = { ...state, timeline: [...state.timeline, entry] };
    record(entry);
  }

  const flush = async (): Promise<void> => {
    for (let request = pending[0]; request; request = pending[0]) {
      await recordEscalation(request);
      pending.shift();
    }
  };

  const applyChanges = (): void => {
    while (changes.length > 0 && state.status !== 'resolved') {
      const change = changes.shift() as DeadlineChangedSignal;
      const at = now();
      if (resolvesEscalation(change, at)) {
        const entry: EscalationTimelineEntry = {
          at,
          kind: 'resolved',
          level: levelNumber(),
          detail: { because: change.kind, ...(change.dueAt ? { dueAt: change.dueAt } : {}) },
        };
        state = resolveEscalation(state, entry);
        record(entry);
      } else {
        // A moved-earlier (or an extension still in the past) is noted only: the deadline is still overdue.
        const entry: EscalationTimelineEntry = {
          at,
          kind: 'repeated',
          level: levelNumber(),
          detail: { noted: change.kind, ...(change.dueAt ? { dueAt: change.dueAt } : {}) },
        };
        state = { ...state, timeline: [...state.timeline, entry] };
        record(entry);
      }
    }
  };

  for (;;) {
    applyChanges();
    await flush();
    if (state.status === 'resolved') return view();
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2000) {
      await condition(() => pending.length === 0);
      await continueAsNew<typeof escalationWorkflow>(input, { state, recipients });
    }
    const step = nextEscalationStep(state, frozen, startedAt);
    const statusBefore = state.status;
    const changed = () => changes.length > 0 || pending.length > 0 || state.status !== statusBefore;
    if (!step) {
      await condition(changed);
      continue;
    }
    const wait = Date.parse(step.at) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;

    // The step fires: recipients resolved now, each notified, the step on the timeline and published.
    const at = now();
    const resolved = await resolveRecipients({ subject, level: step.level, role: step.role, at, legallyUrgent: urgent });
    const fired = { ...step, at };
    const staffIds = resolved.recipients.map((r: ResolvedRecipient) => r.staffId);
    const raisedEntry: EscalationTimelineEntry = {
      at,
      kind: step.kind === 'repeat' ? 'repeated' : step.kind === 'reopened' ? 'reopened' : 'level-raised',
      level: step.level,
      detail: { role: step.role, round: step.round, recipients: staffIds, ...(resolved.note ? { note: resolved.note } : {}) },
    };
    state = raiseStep(state, fired, staffIds, raisedEntry);
    recipients[String(step.level)] = [
      ...(recipients[String(step.level)] ?? []).filter((r) => !staffIds.includes(r.staffId)),
      ...resolved.recipients.map((r) => ({ staffId: r.staffId, role: r.role, via: r.via, ...(r.reason ? { reason: r.reason } : {}) })),
    ];
    const last = state.index === frozen.ladder.length - 1;
    const acknowledgeBy = acknowledgeByOf(state, frozen) ?? at;
    for (const recipient of resolved.recipients) {
      const result = await deliverNotification({
        subject,
        kind: step.kind,
        level: step.level,
        round: step.round,
        recipient,
        ...(last ? {} : { acknowledgeBy }),
        legallyUrgent: urgent,
        at,
      });
      state = {
        ...state,
        timeline: [
          ...state.timeline,
          {
            at,
            kind: 'notified',
            level: step.level,
            detail: {
              staffId: recipient.staffId,
              notificationId: result.notificationId,
              channels: result.channels.map((c) => `${c.channel}:${c.outcome}`),
              // A channel that failed for good (an SMTP 5xx) and the one that carried the notification instead.
              ...(result.fellBackTo ? { fellBackTo: result.fellBackTo } : {}),
            },
          },
        ],
      };
    }
    record(raisedEntry, { type: 'escalation-raised', level: step.level, role: step.role, acknowledgeBy });
  }
}
