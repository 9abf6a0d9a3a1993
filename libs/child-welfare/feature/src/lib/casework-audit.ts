import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { auditActor, notFound } from '@linkages/platform-auth';
import type { Ctx } from './casework.context';

type AuditEntry = Parameters<AuditLog['append']>[0];

/** How child-welfare casework is audited: changes in their transaction, reads, shares and denied lookups. */
@Injectable()
export class CaseworkAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  /** A change, written in the command's transaction. */
  async record(
    tx: EntityManager,
    ctx: Ctx,
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
        purpose: 'child-welfare casework',
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        ...(details ? { details } : {}),
      },
      tx,
    );
  }

  /**
   * A business refusal of a rule-bound write (AB 2085; every impossible-sequence refusal via CaseworkRefusalAudit): outcome 'denied' with the reason, written outside the
   * command's transaction so that it stays when the refusal rolls the transaction back.
   */
  async refused(
    ctx: Ctx,
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
      purpose: 'child-welfare casework',
      outcome: 'denied',
      reason,
      correlationId: ctx.correlationId,
      ...(details ? { details } : {}),
    });
  }

  /** A record read. */
  async read(ctx: Ctx, recordType: string, recordId: string, recordCounty: string, purpose: string): Promise<void> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'read',
      recordType,
      recordId,
      recordCounty,
      purpose,
      outcome: 'allowed',
      correlationId: ctx.correlationId,
    });
  }

  /** Any other entry, with the caller as actor. */
  async append(
    ctx: Ctx,
    entry: Omit<AuditEntry, 'actorSubject' | 'actorRoles' | 'actorAgency' | 'actorCounty' | 'correlationId'>,
  ): Promise<void> {
    await this.audit.append({ ...auditActor(ctx.principal), ...entry, correlationId: ctx.correlationId });
  }

  /** Another county's record is reported as absent; the attempt is audited (outside the failed transaction). */
  async deny(ctx: Ctx, recordType: string, recordId: string): Promise<never> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'access',
      recordType,
      recordId,
      purpose: 'child-welfare record',
      outcome: 'denied',
      reason: 'not found in the caller’s county',
      correlationId: ctx.correlationId,
    });
    throw notFound(recordType);
  }
}
