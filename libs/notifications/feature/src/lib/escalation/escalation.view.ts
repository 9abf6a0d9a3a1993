import type { EscalationRead } from './escalation-handles';
import type { EscalationResponse } from './escalation.schemas';

export const escalationResponseOf = ({ row, view }: EscalationRead): EscalationResponse => ({
  escalationId: row.escalationId,
  deadlineId: row.deadlineId,
  familyId: row.familyId,
  countyCode: row.countyCode,
  ownerService: row.ownerService,
  ruleId: row.ruleId,
  citation: row.citation,
  status: view.status,
  level: view.level,
  round: view.round,
  recipients: view.recipients,
  next: view.next,
  timeline: view.timeline,
});
