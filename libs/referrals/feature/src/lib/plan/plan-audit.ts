import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { SharedFamilyRef } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';

/** The audit records of changes to a family's coordinated plan (in the change's transaction) and of refused ones. */
@Injectable()
export class PlanAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  async record(
    tx: EntityManager,
    { principal, correlationId }: RequestContext,
    family: SharedFamilyRef,
    action: 'create' | 'update',
    recordType: string,
    recordId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append(
      {
        ...auditActor(principal),
        action,
        recordType,
        recordId,
        recordCounty: family.countyCode,
        purpose: `${action} coordinated plan`,
        outcome: 'allowed',
        correlationId,
        details: { familyId: family.familyId, ...details },
      },
      tx,
    );
  }

  /**
   * A refused attempt on a plan item the caller may not see (answered as absent): who, which item, why (the withheld
   * reason code), and nothing of the item's content.
   */
  async denied(
    { principal, correlationId }: RequestContext,
    family: SharedFamilyRef,
    recordType: string,
    recordId: string,
    purpose: string,
    reason: string,
  ): Promise<void> {
    await this.audit.append({
      ...auditActor(principal),
      action: 'update',
      recordType,
      recordId,
      recordCounty: family.countyCode,
      purpose,
      outcome: 'denied',
      reason,
      correlationId,
      details: { familyId: family.familyId },
    });
  }
}
