import { Duration } from 'luxon';
import type { DueRule } from './compute-due';

/** A reminder before the due instant, as an ISO 8601 duration (P3D, PT4H). */
export interface ReminderStage {
  before: string;
  notify: string;
}

/** One rung of the overdue ladder: who is told, and how long they have to acknowledge before the next rung. */
export interface EscalationLevel {
  level: number;
  role: string;
  acknowledgeWithin: string;
}

/** What a durable deadline needs of a policy record (the registry's PolicyRule is one). */
export interface DeadlinePolicy extends DueRule {
  calendar: 'county' | 'court';
  reminders: ReminderStage[];
  escalation: EscalationLevel[];
  pause: { allowed: boolean; reasonCodes: string[] };
  extension: { allowed: boolean; reasonCodes: string[]; max?: number };
}

/** Milliseconds of an ISO 8601 duration; throws on anything else. */
export function isoDurationMs(iso: string): number {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`Not an ISO 8601 duration: ${iso}`);
  return d.as('milliseconds');
}
