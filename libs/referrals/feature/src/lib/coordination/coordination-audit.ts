import { Inject, Injectable } from '@nestjs/common';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { SharedFamilyRef } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';

/** The audit record of a change to a shared family's coordination (a task outcome, a joint meeting, a liaison). */
@Injectable()
export class CoordinationAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  async record(
    { principal, correlationId }: RequestContext,
    family: SharedFamilyRef,
    action: 'create' | 'update',
    recordType: string,
    recordId: string,
    purpose: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append({
      ...auditActor(principal),
      action,
      recordType,
      recordId,
      recordCounty: family.countyCode,
      purpose,
      outcome: 'allowed',
      correlationId,
      details: { familyId: family.familyId, ...details },
    });
  }
}
