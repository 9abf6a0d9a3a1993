import { Duration } from 'luxon';
import type { EscalationLevel } from '@linkages/platform-deadlines';
import type { EscalationStatus, EscalationTimelineEntry, FrozenEscalationPolicy, NotificationKind } from './escalation-activities.contract';
import { escalationWindowEnd } from './escalation-window';

/** The ladder's state as the workflow carries it (also across continue-as-new). Ids, levels and instants only. */
export interface EscalationState {
  status: EscalationStatus;
  /** Index into the frozen ladder of the level last raised (-1: none yet). */
  index: number;
  /** Repeat number at that level (0: its first notification). */
  round: number;
  raisedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Staff notified per ladder level (level number → staff ids): who may acknowledge. */
  notified: Record<string, string[]>;
  acknowledgments: { by: string; at: string; level: number }[];
  timeline: EscalationTimelineEntry[];
}

/** The next notification if nothing changes: which level, which role, when, and as what kind. */
export interface EscalationStep {
  index: number;
  level: number;
  role: string;
  round: number;
  kind: Extract<NotificationKind, 'escalation' | 'repeat' | 'reopened'>;
  at: string;
}

export type DeadlineChangeKind = 'satisfied' | 'cancelled' | 'extended' | 'moved-earlier';

export const initialEscalationState = (): EscalationState => ({
  status: 'open',
  index: -1,
  round: 0,
  raisedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  notified: {},
  acknowledgments: [],
  timeline: [],
});

/** The ladder's rung at an index (throws on a bad index: the state and the frozen ladder disagree). */
export function rungOf(frozen: FrozenEscalationPolicy, index: number): EscalationLevel {
  const rung = frozen.ladder[index];
  if (!rung) throw new Error(`No ladder level at index ${index}`);
  return rung;
}

const plus = (at: string, iso: string): string => new Date(Date.parse(at) + Duration.fromISO(iso).as('milliseconds')).toISOString();

/** When the level last raised must be acknowledged by (null: none raised). */
export function acknowledgeByOf(state: EscalationState, frozen: FrozenEscalationPolicy): string | null {
  if (state.index < 0 || !state.raisedAt) return null;
  const level = rungOf(frozen, state.index);
  return escalationWindowEnd({ from: state.raisedAt, within: level.acknowledgeWithin, policy: frozen.policy, calendar: frozen.calendar });
}

/**
 * The next step of the ladder, or null when nothing is scheduled: resolved, or waiting at the terminal level with
 * its repeats spent (an escalation never ends by itself). `now` is the start instant for the first level.
 */
export function nextEscalationStep(state: EscalationState, frozen: FrozenEscalationPolicy, now: string): EscalationStep | null {
  const ladder = frozen.ladder;
  if (state.status === 'resolved' || ladder.length === 0) return null;
  const last = ladder.length - 1;
  const at = (index: number, round: number, kind: EscalationStep['kind'], when: string): EscalationStep => ({
    index,
    level: rungOf(frozen, index).level,
    role: rungOf(frozen, index).role,
    round,
    kind,
    at: when,
  });
  if (state.index < 0) return at(0, 0, 'escalation', now);
  if (state.status === 'acknowledged') {
    const when = plus(state.acknowledgedAt ?? now, frozen.policy.acknowledgmentExpiry);
    return state.index < last ? at(state.index + 1, 0, 'reopened', when) : at(last, state.round + 1, 'reopened', when);
  }
  const raisedAt = state.raisedAt ?? now;
  if (state.index < last) return at(state.index + 1, 0, 'escalation', acknowledgeByOf(state, frozen) ?? now);
  const repeat = rungOf(frozen, last).repeat;
  if (repeat && state.round < repeat.max) return at(last, state.round + 1, 'repeat', plus(raisedAt, repeat.every));
  return null;
}

/** The state after a step fired with these recipients. */
export function raiseStep(
  state: EscalationState,
  step: EscalationStep,
  staffIds: string[],
  entry: EscalationTimelineEntry,
): EscalationState {
  const key = String(step.level);
  return {
    ...state,
    status: 'open',
    index: step.index,
    round: step.round,
    raisedAt: step.at,
    acknowledgedAt: null,
    acknowledgedBy: null,
    notified: { ...state.notified, [key]: [...new Set([...(state.notified[key] ?? []), ...staffIds])] },
    timeline: [...state.timeline, entry],
  };
}

/** Why an acknowledgment is refused (null: accepted). */
export function acknowledgmentRefusal(state: EscalationState, by: string): string | null {
  if (state.status === 'resolved') return 'The escalation has ended: there is nothing to acknowledge';
  if (state.status === 'acknowledged') return `The escalation is already acknowledged (by ${state.acknowledgedBy})`;
  const notified = Object.values(state.notified).some((ids) => ids.includes(by));
  if (!notified) return 'Only a person notified at a raised level may acknowledge this escalation';
  return null;
}

export function acknowledgeEscalation(state: EscalationState, by: string, at: string, entry: EscalationTimelineEntry): EscalationState {
  const refusal = acknowledgmentRefusal(state, by);
  if (refusal) throw new Error(refusal);
  const level = state.index >= 0 ? Number(Object.keys(state.notified).find((l) => (state.notified[l] ?? []).includes(by)) ?? 0) : 0;
  return {
    ...state,
    status: 'acknowledged',
    acknowledgedAt: at,
    acknowledgedBy: by,
    acknowledgments: [...state.acknowledgments, { by, at, level }],
    timeline: [...state.timeline, entry],
  };
}

/** Whether a deadline change ends the escalation: satisfied, cancelled, or extended to a due instant after now. */
export function resolvesEscalation(change: { kind: DeadlineChangeKind; dueAt?: string }, now: string): boolean {
  if (change.kind === 'satisfied' || change.kind === 'cancelled') return true;
  if (change.kind === 'extended') return !!change.dueAt && Date.parse(change.dueAt) > Date.parse(now);
  return false; // moved earlier: noted only, the deadline is still overdue
}

export function resolveEscalation(state: EscalationState, entry: EscalationTimelineEntry): EscalationState {
  return { ...state, status: 'resolved', timeline: [...state.timeline, entry] };
}
