import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarSpec, DeadlinePolicy, DueResult, Extension, Pause } from '@linkages/platform-deadlines';
import type { ServiceName } from '@linkages/shared-contracts';

export type DeadlineStatus = 'pending' | 'paused' | 'overdue' | 'satisfied' | 'cancelled';

export interface DeadlineOwner {
  service: ServiceName;
  familyId: string;
  caseId?: string;
  countyCode: string;
  /** What the deadline is about, as a pseudonymous reference: `referral/<id>`. */
  subjectRef: string;
  /**
   * The workflow id of a process whose step this clock is (`calworks/sanction/<episodeId>`): it is signalled
   * `deadlineReachedSignal` when the clock falls due, at each escalation level, and when it is satisfied or
   * cancelled, so the process needs no timer of its own.
   */
  notify?: string;
}

/** What a process is told about one of its clocks (ids, codes and instants only). */
export interface DeadlineReached {
  deadlineId: string;
  /** `<subject type>/<subject id>/<purpose>`. */
  subjectRef: string;
  ruleId: string;
  kind: 'due' | 'overdue' | 'satisfied' | 'cancelled';
  dueAt: string | null;
  /** Workflow time of the stage. */
  at: string;
  escalationLevel?: number;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface DeadlineState {
  status: DeadlineStatus;
  pauses: Pause[];
  extensions: Extension[];
  override?: { dueDate: string; reasonCode: string; by: string; at: string };
  remindersSent: number;
  dueEmitted: boolean;
  /** Highest escalation level raised (0: none). */
  escalationLevel: number;
  overdueSince?: string;
  /** `notifications`: the ladder was handed over (ESCALATION_IN_NOTIFICATIONS); the clock raises no level itself. */
  ladderOwner?: 'notifications';
  /** Levels acknowledged, with who and when. */
  acknowledged: { level: number; by: string; at: string }[];
  /**
   * `at`: the instant of the fact that met the clock (the update's `at`, or the workflow time when none was given);
   * `late` is judged by it. `recordedAt`: when the workflow learnt of it, present when it differs from `at`.
   */
  satisfied?: { at: string; by: string; late: boolean; recordedAt?: string };
  timeline: TimelineEntry[];
}

export interface DeadlineInput {
  deadlineId: string;
  owner: DeadlineOwner;
  policy: DeadlinePolicy;
  calendar: CalendarSpec;
  startAt: string;
  /** History events before the workflow continues as new (long-lived trackers). */
  maxHistoryEvents?: number;
  /** Carried over by continue-as-new. */
  state?: DeadlineState;
}

export interface DeadlineView {
  deadlineId: string;
  owner: DeadlineOwner;
  ruleId: string;
  startAt: string;
  state: DeadlineState;
  due: DueResult;
}

export interface ExtendRequest {
  reasonCode: string;
  by: string;
  /** Extra units in the rule's basis; or `dueDate` when an order sets the date. */
  length?: number;
  dueDate?: string;
}

export const deadlineViewQuery = defineQuery<DeadlineView>('deadlineView');
/** Sent by a deadline workflow to its owner's `notify` process (a signal: the clock never waits for the process). */
export const deadlineReachedSignal = defineSignal<[DeadlineReached]>('deadlineReached');
export interface SatisfyRequest {
  by: string;
  /**
   * When the satisfying fact happened (ISO instant), for facts recorded after the event: not after the workflow time
   * plus a few minutes of clock skew, not before the deadline's start. Absent: the workflow time.
   */
  at?: string;
}

export const satisfyUpdate = defineUpdate<DeadlineView, [SatisfyRequest]>('satisfy');
export const extendUpdate = defineUpdate<DeadlineView, [ExtendRequest]>('extend');
export const pauseUpdate = defineUpdate<DeadlineView, [{ reasonCode: string; by: string }]>('pause');
export const resumeUpdate = defineUpdate<DeadlineView, [{ by: string }]>('resume');
export const acknowledgeUpdate = defineUpdate<DeadlineView, [{ level: number; by: string }]>('acknowledge');
export const recalculateUpdate = defineUpdate<
  DeadlineView,
  [{ by: string; reasonCode: string; policy?: DeadlinePolicy; calendar?: CalendarSpec }]
>('recalculate');
export const cancelUpdate = defineUpdate<DeadlineView, [{ by: string; reasonCode: string }]>('cancel');
