import type { DeliverRequest, NotificationKind, RecipientContact } from '../escalation/escalation-activities.contract';
import { maySeeDetails } from '../delivery/notification-template';

/** The event types an endpoint may subscribe to, one per kind of notification. */
export const WEBHOOK_EVENT_TYPES = ['deadline.reminder', 'escalation.raised', 'escalation.repeated', 'escalation.reopened'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const EVENT_OF_KIND: Record<NotificationKind, WebhookEventType> = {
  reminder: 'deadline.reminder',
  escalation: 'escalation.raised',
  repeat: 'escalation.repeated',
  reopened: 'escalation.reopened',
};

export const webhookEventTypeOf = (kind: NotificationKind): WebhookEventType => EVENT_OF_KIND[kind];

export const isWebhookEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/**
 * The body of a webhook message (the Standard Webhooks shape: type, timestamp, data). Ids, codes, levels and instants
 * only: no names, no addresses, no family details. A child-welfare deadline's rule, citation, subject and family id go
 * only to a CWS endpoint (the sharing policy of the templates); others receive the minimum (`minimal: true`).
 */
export interface WebhookPayload {
  type: WebhookEventType;
  /** The notification's instant (workflow time), ISO 8601. */
  timestamp: string;
  data: {
    notificationId: string;
    escalationId: string;
    deadlineId: string;
    countyCode: string;
    ownerService: string;
    kind: NotificationKind;
    level: number;
    round: number;
    recipient: { staffId: string; role: string; via: string };
    legallyUrgent: boolean;
    dueAt: string;
    overdueSince?: string;
    acknowledgeBy?: string;
    minimal: boolean;
    ruleId?: string;
    citation?: string;
    subjectRef?: string;
    familyId?: string;
  };
}

export function webhookPayloadOf(req: DeliverRequest, notificationId: string, endpointAgency: RecipientContact['agency']): WebhookPayload {
  const detailed = maySeeDetails(req, { agency: endpointAgency });
  const s = req.subject;
  return {
    type: webhookEventTypeOf(req.kind),
    timestamp: req.at,
    data: {
      notificationId,
      escalationId: s.escalationId,
      deadlineId: s.deadlineId,
      countyCode: s.countyCode,
      ownerService: s.ownerService,
      kind: req.kind,
      level: req.level,
      round: req.round,
      recipient: { staffId: req.recipient.staffId, role: req.recipient.role, via: req.recipient.via },
      legallyUrgent: req.legallyUrgent,
      dueAt: s.dueAt,
      ...(req.kind !== 'reminder' ? { overdueSince: s.overdueSince } : {}),
      ...(req.acknowledgeBy ? { acknowledgeBy: req.acknowledgeBy } : {}),
      minimal: !detailed,
      ...(detailed ? { ruleId: s.ruleId, citation: s.citation, subjectRef: s.subjectRef, familyId: s.familyId } : {}),
    },
  };
}
