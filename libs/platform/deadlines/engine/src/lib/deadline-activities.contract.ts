import type { ServiceName } from '@linkages/shared-contracts';
import type { EscalationLevel, EscalationPolicy } from './policy';

/** The activity a deadline workflow calls to publish a stage change (through the owning service's outbox). */
/** `moved-earlier`: the due date moved earlier (not an extension; its own event type). */
/** `cancelled`: the clock no longer applies (published from the CANCELLED_EVENT patch on). */
export type DeadlineEventKind = 'warning' | 'due' | 'overdue' | 'satisfied' | 'extended' | 'moved-earlier' | 'cancelled';

export interface DeadlineEventInput {
  /** Chosen by the workflow (deterministically), so a retried activity writes the same event once. */
  eventId: string;
  kind: DeadlineEventKind;
  deadlineId: string;
  familyId: string;
  countyCode: string;
  ruleId: string;
  citation: string;
  subjectRef: string;
  ownerService: ServiceName;
  dueAt: string;
  correlationId: string;
  stage?: number;
  remaining?: string;
  overdueSince?: string;
  escalationLevel?: number;
  satisfiedAt?: string;
  satisfiedBy?: string;
  late?: boolean;
  previousDueAt?: string;
  reasonCode?: string;
  /** Who extended (`extended`) or moved (`moved-earlier`) the date. */
  extendedBy?: string;
  /** Which way an `extended` event moved the due date; `earlier` is not an extension. */
  direction?: 'later' | 'earlier';
  /** Why it is due on that date (the explanation's summary). */
  explanation?: string;
  /** The role a reminder stage tells. */
  notify?: string;
  /** An overdue clock's ladder, handed to notifications (from the ESCALATION_IN_NOTIFICATIONS patch on). */
  escalation?: { ownedBy: 'notifications'; ladder: EscalationLevel[]; policy: EscalationPolicy };
  /** Who cancelled (`cancelled`). */
  cancelledBy?: string;
}

export interface DeadlineActivities {
  emitDeadlineEvent(input: DeadlineEventInput): Promise<void>;
}
