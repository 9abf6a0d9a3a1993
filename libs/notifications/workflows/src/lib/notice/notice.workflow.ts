import { proxyActivities } from '@temporalio/workflow';
import type {
  DeliverResult,
  EscalationActivities,
  EscalationSubject,
  NotificationKind,
  ResolvedRecipient,
} from '@linkages/notifications-domain';

const { resolveRecipients, deliverNotification } = proxyActivities<Pick<EscalationActivities, 'resolveRecipients' | 'deliverNotification'>>(
  {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  },
);

/** One notice of a deadline that is not a ladder: a reminder before due, or a level raised by a clock started before issue 14. */
export interface NoticeInput {
  subject: EscalationSubject;
  kind: Extract<NotificationKind, 'reminder' | 'escalation'>;
  /** The role to tell (`assigned-worker` for a reminder unless the rule names another). */
  role: string;
  /** 0 for a reminder; the legacy clock's level otherwise. */
  level: number;
  /** The reminder's stage (part of the idempotency key: stage 1 and 2 are two notices). */
  round: number;
  legallyUrgent: boolean;
}

export interface NoticeView {
  recipients: ResolvedRecipient[];
  deliveries: DeliverResult[];
  note?: string;
}

/** `notifications/notice/<deadlineId>/<kind>-<level>-<round>`: one workflow per notice, so a redelivered event starts none twice. */
export const noticeWorkflowId = (deadlineId: string, kind: NoticeInput['kind'], level: number, round: number) =>
  `notifications/notice/${deadlineId}/${kind}-${level}-${round}`;

/**
 * Tells the people a role resolves to, at the instant of the notice, over their channels; nothing waits for an
 * acknowledgment (a reminder has no ladder; a legacy clock runs its own). Deterministic: workflow time only.
 */
export async function noticeWorkflow(input: NoticeInput): Promise<NoticeView> {
  const at = new Date(Date.now()).toISOString();
  const resolved = await resolveRecipients({
    subject: input.subject,
    level: input.level,
    role: input.role,
    at,
    legallyUrgent: input.legallyUrgent,
  });
  const deliveries: DeliverResult[] = [];
  for (const recipient of resolved.recipients) {
    deliveries.push(
      await deliverNotification({
        subject: input.subject,
        kind: input.kind,
        level: input.level,
        round: input.round,
        recipient,
        legallyUrgent: input.legallyUrgent,
        at,
      }),
    );
  }
  return { recipients: resolved.recipients, deliveries, ...(resolved.note ? { note: resolved.note } : {}) };
}
