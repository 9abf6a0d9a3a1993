import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeadlineChangeKind, EscalationStatus, EscalationTimelineEntry, ResolvedRecipient } from '@linkages/notifications-domain';

// Messages of the escalation process `notifications/escalation/<deadlineId>` (issue 14 item 2). Ids, codes and
// instants only (a note is free text the acknowledging person writes; it carries no personal data by policy).

/** The ApplicationFailure type of a refused acknowledgment (it changes nothing). */
export const INVALID_ESCALATION_REQUEST = 'InvalidEscalationRequest';

export interface AcknowledgeEscalationRequest {
  /** Staff UUID of the person acknowledging: someone notified at a raised level. */
  by: string;
  /** At most 500 characters. */
  note?: string;
  via: 'api' | 'link';
}

export interface DeadlineChangedSignal {
  kind: DeadlineChangeKind;
  /** The new due instant (extended, moved-earlier). */
  dueAt?: string;
  at: string;
}

export interface EscalationView {
  status: EscalationStatus;
  level: number;
  round: number;
  recipients: Record<string, Pick<ResolvedRecipient, 'staffId' | 'role' | 'via' | 'reason'>[]>;
  timeline: EscalationTimelineEntry[];
  /** Who is notified next and when if nothing is acknowledged (null: nothing further is scheduled). */
  next: { level: number; role: string; at: string } | null;
}

export const acknowledgeEscalationUpdate = defineUpdate<EscalationView, [AcknowledgeEscalationRequest]>('acknowledgeEscalation');
export const deadlineChangedSignal = defineSignal<[DeadlineChangedSignal]>('deadlineChanged');
export const escalationViewQuery = defineQuery<EscalationView>('escalationView');
