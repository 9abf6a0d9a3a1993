import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog, type AuditOutcome } from '@linkages/platform-audit';
import type { EscalationEntity } from '@linkages/notifications-data-access';

/** Who acted, as the audit log names them: a signed-in caller, or the staff id an acknowledgment link was issued to. */
export interface EscalationActor {
  actorSubject: string;
  actorRoles: string[];
  actorAgency?: string | null;
  actorCounty?: string | null;
}

/** The audit record of an escalation read or acknowledgment (ids and codes only). */
@Injectable()
export class EscalationAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  async record(
    actor: EscalationActor,
    action: 'read' | 'update' | 'deny',
    row: Pick<EscalationEntity, 'escalationId' | 'countyCode' | 'deadlineId'> | { escalationId: string; countyCode: string | null },
    purpose: string,
    outcome: AuditOutcome,
    correlationId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.append({
      ...actor,
      action,
      recordType: 'escalation',
      recordId: row.escalationId,
      recordCounty: row.countyCode,
      purpose,
      outcome,
      correlationId,
      details,
    });
  }
}
