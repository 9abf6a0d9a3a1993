import type { ServiceName } from '@linkages/shared-contracts';

/** Where a deadline stands in the supervisor's queue, as its events say (`met` and `cancelled` are final). */
export type DeadlineQueueState = 'due-soon' | 'due' | 'overdue' | 'met' | 'cancelled';

/** What the queue shows: the deadline's state, with an overdue one split by its latest escalation. */
export type QueueViewState = 'due-soon' | 'due' | 'overdue' | 'escalated' | 'acknowledged' | 'met';

export const queueViewStates = ['due-soon', 'due', 'overdue', 'escalated', 'acknowledged', 'met'] as const;

/** The states GET /deadline-queue lists when the caller names none. */
export const defaultQueueViewStates: readonly QueueViewState[] = ['due-soon', 'due', 'overdue', 'escalated', 'acknowledged'];

/** The agency whose work a deadline is (the Linkages coordination service's clocks are the Linkages practice's). */
export type QueueAgency = 'cws' | 'calworks' | 'linkages';

export const queueAgencies = ['cws', 'calworks', 'linkages'] as const;

export const queueAgencyOf = (ownerService: ServiceName): QueueAgency =>
  ownerService === 'child-welfare' ? 'cws' : ownerService === 'referrals' ? 'linkages' : 'calworks';

const programs: [prefix: string, program: string][] = [
  ['cws.er.', 'cws-emergency-response'],
  ['cws.court.', 'cws-court'],
  ['cws.case.', 'cws-case'],
  ['calworks.wtw.', 'calworks-welfare-to-work'],
  ['calworks.fr.', 'calworks-family-reunification'],
  ['linkages.', 'linkages'],
];

/** The program a rule belongs to, from its id (`cws.er.*` → cws-emergency-response…); an unknown family: its first two segments. */
export function programOf(ruleId: string): string {
  const known = programs.find(([prefix]) => ruleId.startsWith(prefix));
  if (known) return known[1];
  return ruleId.split('.').slice(0, 2).join('-');
}

/** One deadline event as the queue folds it: its kind, its CloudEvent time and the due instant it carried. */
export interface QueueEventFact {
  kind: 'warning' | 'due' | 'overdue' | 'satisfied' | 'cancelled' | 'extended' | 'moved-earlier';
  /** The event's time (when the clock published it). */
  at: string;
  /** The deadline's due instant as the event says it (the new one for extended / moved-earlier). */
  dueAt: string;
}

const queueEventKinds: readonly string[] = ['warning', 'due', 'overdue', 'satisfied', 'cancelled', 'extended', 'moved-earlier'];

/** Whether a recorded entry is a deadline event the fold counts (a re-assignment on the timeline is not). */
export const isQueueEventKind = (kind: string): kind is QueueEventFact['kind'] => queueEventKinds.includes(kind);

const rank: Record<QueueEventFact['kind'], number> = {
  warning: 1,
  due: 2,
  overdue: 3,
  'moved-earlier': 0,
  extended: 0,
  satisfied: 9,
  cancelled: 9,
};

const stateOfKind: Partial<Record<QueueEventFact['kind'], DeadlineQueueState>> = {
  warning: 'due-soon',
  due: 'due',
  overdue: 'overdue',
  satisfied: 'met',
  cancelled: 'cancelled',
};

const stateRank: Record<DeadlineQueueState, number> = { 'due-soon': 1, due: 2, overdue: 3, met: 9, cancelled: 9 };

/**
 * The deadline's state and due instant from all its events, whatever order they arrived in: folded in event time
 * (equal times: the stronger first… then the later stage). A state never goes back (overdue beats due beats due-soon)
 * except when an extension moves the due instant past the extension's own time: the clock is re-armed, so what came
 * before it no longer says the deadline is due or overdue (the clock publishes its stages again for the new date).
 * `met` and `cancelled` are final, whichever comes first. The due instant follows the latest extended / moved-earlier
 * event, else the latest event.
 */
export function foldQueueEvents(events: readonly QueueEventFact[]): { state: DeadlineQueueState; dueAt: string } | null {
  if (events.length === 0) return null;
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank[a.kind] - rank[b.kind]);
  let state: DeadlineQueueState = 'due-soon';
  let dueAt = sorted[0]?.dueAt ?? '';
  let moved = false;
  for (const e of sorted) {
    if (state === 'met' || state === 'cancelled') break;
    if (e.kind === 'extended' || e.kind === 'moved-earlier') {
      dueAt = e.dueAt;
      moved = true;
      if (e.kind === 'extended' && Date.parse(e.dueAt) > Date.parse(e.at)) state = 'due-soon';
      continue;
    }
    if (!moved) dueAt = e.dueAt;
    const next = stateOfKind[e.kind];
    if (next && stateRank[next] >= stateRank[state]) state = next;
  }
  return { state, dueAt };
}

/**
 * A hint that the deadline is legally urgent (an hour-based rule: an immediate response, a detention hearing): the
 * overdue event's frozen policy says so or counts clock hours, or a reminder came with hours (not days) left.
 */
export function legallyUrgentHint(event: {
  remaining?: string;
  escalation?: { policy: { legallyUrgent: boolean; windows: 'clock-hours' | 'business-hours' } };
}): boolean {
  if (event.escalation) return event.escalation.policy.legallyUrgent || event.escalation.policy.windows === 'clock-hours';
  return event.remaining !== undefined && /^PT/.test(event.remaining);
}

/**
 * The queue's bands of legal urgency, most urgent first: an overdue deadline whose escalation is climbing, overdue,
 * due, due soon, acknowledged (someone is on it), met.
 */
export const queueBands: readonly QueueViewState[] = ['escalated', 'overdue', 'due', 'due-soon', 'acknowledged', 'met'];

export const queueBandOf = (state: QueueViewState): number => queueBands.indexOf(state);

/** What the state shown is: an overdue deadline whose latest escalation is open at level ≥ 1 is escalated; acknowledged, acknowledged. */
export function queueViewStateOf(
  state: DeadlineQueueState,
  escalation: { status: 'open' | 'acknowledged' | 'resolved'; level: number } | null,
): QueueViewState | null {
  if (state === 'cancelled') return null;
  if (state !== 'overdue' || !escalation) return state;
  if (escalation.status === 'open' && escalation.level >= 1) return 'escalated';
  if (escalation.status === 'acknowledged') return 'acknowledged';
  return 'overdue';
}

/** The sort key of a queue item: band, legally urgent first, then time left (due instant ascending), then the id. */
export interface QueueSortKey {
  band: number;
  legallyUrgent: boolean;
  dueAt: string;
  deadlineId: string;
}

export function compareQueueItems(a: QueueSortKey, b: QueueSortKey): number {
  return (
    a.band - b.band ||
    Number(b.legallyUrgent) - Number(a.legallyUrgent) ||
    Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
    (a.deadlineId < b.deadlineId ? -1 : a.deadlineId > b.deadlineId ? 1 : 0)
  );
}
