import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { auditActor, notFound } from '@linkages/platform-auth';
import type { HouseholdCtx } from './household.context';

const purpose = 'calworks casework';

/** How CalWORKs household casework is audited: changes in their transaction, reads, refusals and denied lookups. */
@Injectable()
export class HouseholdAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  /** A change, written in the command's transaction. */
  async record(
    tx: EntityManager,
    ctx: HouseholdCtx,
    action: string,
    recordType: string,
    recordId: string,
    recordCounty: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append(
      {
        ...auditActor(ctx.principal),
        action,
        recordType,
        recordId,
        recordCounty,
        purpose,
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        ...(details ? { details } : {}),
      },
      tx,
    );
  }

  /** A business refusal: outcome 'denied' with the reason, outside the rolled-back transaction. */
  async refused(
    ctx: HouseholdCtx,
    action: string,
    recordType: string,
    recordId: string | null,
    recordCounty: string,
    reason: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action,
      recordType,
      recordId,
      recordCounty,
      purpose,
      outcome: 'denied',
      reason,
      correlationId: ctx.correlationId,
      ...(details ? { details } : {}),
    });
  }

  /** A read of confidential member data. */
  async read(ctx: HouseholdCtx, recordType: string, recordId: string, recordCounty: string, why: string): Promise<void> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'read',
      recordType,
      recordId,
      recordCounty,
      purpose: why,
      outcome: 'allowed',
      correlationId: ctx.correlationId,
    });
  }

  /** Another county's record is reported as absent; the attempt is audited (outside the failed transaction). */
  async deny(ctx: HouseholdCtx, recordType: string, recordId: string): Promise<never> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'access',
      recordType,
      recordId,
      purpose: 'calworks record',
      outcome: 'denied',
      reason: 'not found in the caller’s county',
      correlationId: ctx.correlationId,
    });
    throw notFound(recordType);
  }
}
