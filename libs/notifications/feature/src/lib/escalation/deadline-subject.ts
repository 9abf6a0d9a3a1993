import type { CloudEvent } from '@linkages/shared-contracts';
import type { EscalationSubject } from '@linkages/notifications-domain';

/** What every deadline event carries of its deadline (ids, codes, instants, the explanation). */
export interface DeadlineEventData {
  deadlineId: string;
  familyId: string;
  ruleId: string;
  citation: string;
  subjectRef: string;
  ownerService: EscalationSubject['ownerService'];
  dueAt: string;
  explanation?: string;
}

/** A deadline event's deadline as an escalation subject, under the escalation id and overdue instant given. */
export function deadlineSubjectOf(event: CloudEvent<DeadlineEventData>, escalationId: string, overdueSince: string): EscalationSubject {
  const d = event.data;
  return {
    escalationId,
    deadlineId: d.deadlineId,
    familyId: d.familyId,
    countyCode: event.countycode,
    ownerService: d.ownerService,
    ruleId: d.ruleId,
    citation: d.citation,
    subjectRef: d.subjectRef,
    dueAt: d.dueAt,
    overdueSince,
    ...(d.explanation ? { explanation: d.explanation } : {}),
  };
}
