import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { SharedFamilyRef } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';

/** The audit record of a change to a family's coordinated plan, in the change's transaction. */
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
}
