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
  /** Who is told, as a role resolved when the level fires: `assigned-worker`, `supervisor`, `manager`, `manager-on-duty`. */
  role: string;
  /** How long the level has to acknowledge before the next is raised (counted as `EscalationPolicy.windows` says). */
  acknowledgeWithin: string;
  /** The terminal level only: notify again every `every`, at most `max` times (the escalation then waits, never ends). */
  repeat?: { every: string; max: number };
}

/**
 * How the notifications service runs a rule's ladder (DESIGN.md 2: escalation belongs to notifications; the rule
 * record holds the ladder as data).
 */
export interface EscalationPolicy {
  /** Acknowledgment windows count clock hours, or business hours of the county calendar in its time zone. */
  windows: 'clock-hours' | 'business-hours';
  /** Business hours, local time of the county (`08:00`–`17:00`), for `business-hours` windows. */
  businessHours: { start: string; end: string };
  /**
   * A legally urgent clock (an immediate response, a detention petition): preferences and quiet hours never delay,
   * mute, digest or throttle it; a level that falls in someone's quiet hours goes to their coverage at once.
   */
  legallyUrgent: boolean;
  /** After an acknowledgment without the legal action, the ladder re-opens at the next level once this has passed. */
  acknowledgmentExpiry: string;
}

/** What a durable deadline needs of a policy record (the registry's PolicyRule is one). */
export interface DeadlinePolicy extends DueRule {
  calendar: 'county' | 'court';
  reminders: ReminderStage[];
  escalation: EscalationLevel[];
  /** How notifications runs the ladder; absent in records written before issue 14 (see `escalationPolicyOf`). */
  escalationPolicy?: EscalationPolicy;
  pause: { allowed: boolean; reasonCodes: string[] };
  extension: { allowed: boolean; reasonCodes: string[]; max?: number };
}

/** Milliseconds of an ISO 8601 duration; throws on anything else. */
export function isoDurationMs(iso: string): number {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`Not an ISO 8601 duration: ${iso}`);
  return d.as('milliseconds');
}
