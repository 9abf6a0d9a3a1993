import type { CalendarSpec, EscalationLevel, EscalationPolicy } from '@linkages/platform-deadlines';
import type { ServiceName } from '@linkages/shared-contracts';

/**
 * What the escalation process knows of its deadline: ids, codes, instants and the rule's explanation only (no
 * personal data: it travels in the workflow history and the deadline events).
 */
export interface EscalationSubject {
  /** `notifications/escalation/<deadlineId>` runs one escalation per overdue episode; the id is derived from both. */
  escalationId: string;
  deadlineId: string;
  familyId: string;
  countyCode: string;
  ownerService: ServiceName;
  ruleId: string;
  citation: string;
  /** `<subject type>/<subject id>/<purpose>` or `<type>/<id>`: whose deadline it is, pseudonymously. */
  subjectRef: string;
  dueAt: string;
  overdueSince: string;
  /** Why it is due on that date (the deadline's explanation summary), for the templates. */
  explanation?: string;
}

/** The policy in force when the escalation started, frozen into it (a later edit never changes a running ladder). */
export interface FrozenEscalationPolicy {
  ladder: EscalationLevel[];
  policy: EscalationPolicy;
  /** The county calendar business-hours windows count on. */
  calendar: CalendarSpec;
}

export interface EscalationInput {
  subject: EscalationSubject;
  frozen: FrozenEscalationPolicy;
}

/** How a recipient was chosen for a level: the role's holder, or their coverage (absent, after hours, quiet hours). */
export interface ResolvedRecipient {
  staffId: string;
  /** The role asked for, as the ladder names it (`assigned-worker`, `supervisor`, `manager`, `manager-on-duty`). */
  role: string;
  via: 'direct' | 'coverage' | 'after-hours-coverage' | 'quiet-hours-coverage' | 'unassigned-fallback';
  /** Why (absent until 2026-12-09, quiet hours 20:00–07:00 and the level is legally urgent…): codes and dates only. */
  reason?: string;
  /** The person skipped, when a coverage was used. */
  skipped?: string;
}

export interface ResolveRecipientsRequest {
  subject: EscalationSubject;
  level: number;
  role: string;
  /** Workflow time of the level: coverage and quiet hours are decided at that instant. */
  at: string;
  legallyUrgent: boolean;
}

export interface ResolveRecipientsResult {
  recipients: ResolvedRecipient[];
  /** When nobody holds the role (no unit configured): the catch-all used, said on the timeline. */
  note?: string;
}

export type NotificationKind = 'reminder' | 'escalation' | 'repeat' | 'reopened';

export interface DeliverRequest {
  subject: EscalationSubject;
  kind: NotificationKind;
  /** Ladder level (0 for a reminder). */
  level: number;
  /** Repeat number at the level (0: the first notification). Part of the idempotency key. */
  round: number;
  recipient: ResolvedRecipient;
  /** Acknowledge before this instant to stop the next level (absent for reminders and the terminal level). */
  acknowledgeBy?: string;
  legallyUrgent: boolean;
  /** Workflow time of the notification. */
  at: string;
}

export interface ChannelOutcome {
  channel: 'in-app' | 'email' | 'webhook';
  /** `queued`: webhook messages handed to the dispatcher (sent, retried and recorded per attempt after the activity). */
  outcome: 'delivered' | 'queued' | 'failed' | 'skipped' | 'duplicate';
  /** Why skipped or failed (no address, preference off, endpoint disabled, SMTP 550…): no personal data. */
  detail?: string;
  attempts: number;
}

export interface DeliverResult {
  notificationId: string;
  channels: ChannelOutcome[];
  /** A channel failed for good and another was used instead. */
  fellBackTo?: 'in-app' | 'email' | 'webhook';
}

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved';

/** One entry of the escalation's timeline, as the read model and the console show it. */
export interface EscalationTimelineEntry {
  at: string;
  kind: 'started' | 'level-raised' | 'repeated' | 'notified' | 'acknowledged' | 'reopened' | 'resolved' | 'delivery-failed';
  level?: number;
  detail: Record<string, unknown>;
}

export interface RecordEscalationRequest {
  subject: EscalationSubject;
  status: EscalationStatus;
  level: number;
  entry: EscalationTimelineEntry;
  /** Who is notified next and when, if nothing is acknowledged (null: nothing further is scheduled). */
  next: { level: number; role: string; at: string } | null;
  /** The event to publish with the row (through the outbox, in one transaction). */
  publish?:
    | { type: 'escalation-raised'; level: number; role: string; acknowledgeBy: string }
    | { type: 'escalation-acknowledged'; level: number; acknowledgedBy: string; acknowledgedAt: string };
}

/** The activities the escalation workflow calls (implemented in @linkages/notifications-activities). */
export interface EscalationActivities {
  resolveRecipients(req: ResolveRecipientsRequest): Promise<ResolveRecipientsResult>;
  deliverNotification(req: DeliverRequest): Promise<DeliverResult>;
  recordEscalation(req: RecordEscalationRequest): Promise<void>;
}

/** How to reach one person, as delivery needs it (implemented over the organisation's tables). */
export interface RecipientContact {
  staffId: string;
  agency: 'cws' | 'calworks' | 'platform';
  countyCode: string;
  /** Absent: no e-mail on record (the in-app inbox still receives everything). */
  email?: string;
  /** Local time of the county, `HH:mm`; an interval may wrap midnight (`20:00`–`07:00`). */
  quietHours?: { start: string; end: string };
  /** Channels the person opted into (a legally urgent notification ignores opt-outs). */
  channels: { email: boolean; webhook: boolean };
}

export interface RecipientDirectory {
  contactOf(staffId: string): Promise<RecipientContact | null>;
}

/** Nest injection token of the RecipientDirectory (provided by the organisation slice). */
export const RECIPIENT_DIRECTORY = 'notifications.RecipientDirectory';
