import type { ServiceName } from '@linkages/shared-contracts';

/** The activity a deadline workflow calls to publish a stage change (through the owning service's outbox). */
export type DeadlineEventKind = 'warning' | 'due' | 'overdue' | 'satisfied' | 'extended';

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
  extendedBy?: string;
  /** Which way an `extended` event moved the due date; `earlier` is not an extension. */
  direction?: 'later' | 'earlier';
}

export interface DeadlineActivities {
  emitDeadlineEvent(input: DeadlineEventInput): Promise<void>;
}
