import type { EntityManager } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import type { AuditLog } from '@linkages/platform-audit';
import { auditActor } from './auth.guard';
import { notFound } from './problems';

type AuditEntry = Parameters<AuditLog['append']>[0];

/** Who asks, as every domain's request context carries it. */
export interface AuditCtx {
  principal: Principal;
  correlationId: string;
}

/**
 * How a domain's casework is audited, with the caller as actor: changes in their transaction, reads, business
 * refusals (outside the rolled-back transaction) and denied lookups of another county's record. A domain extends it
 * with its purposes (`child-welfare casework`, `calworks casework`).
 */
export class RecordAudit {
  constructor(
    protected readonly audit: AuditLog,
    private readonly purposes: { casework: string; access: string },
  ) {}

  /** A change, written in the command's transaction. */
  async record(
    tx: EntityManager,
    ctx: AuditCtx,
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
        purpose: this.purposes.casework,
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        ...(details ? { details } : {}),
      },
      tx,
    );
  }

  /**
   * A business refusal of a rule-bound write: outcome 'denied' with the reason, written outside the command's
   * transaction so that it stays when the refusal rolls the transaction back.
   */
  async refused(
    ctx: AuditCtx,
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
      purpose: this.purposes.casework,
      outcome: 'denied',
      reason,
      correlationId: ctx.correlationId,
      ...(details ? { details } : {}),
    });
  }

  /** A read of a confidential record, with why. */
  async read(ctx: AuditCtx, recordType: string, recordId: string, recordCounty: string, purpose: string): Promise<void> {
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
    ctx: AuditCtx,
    entry: Omit<AuditEntry, 'actorSubject' | 'actorRoles' | 'actorAgency' | 'actorCounty' | 'correlationId'>,
  ): Promise<void> {
    await this.audit.append({ ...auditActor(ctx.principal), ...entry, correlationId: ctx.correlationId });
  }

  /** Another county's record is reported as absent; the attempt is audited (outside the failed transaction). */
  async deny(ctx: AuditCtx, recordType: string, recordId: string): Promise<never> {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: 'access',
      recordType,
      recordId,
      purpose: this.purposes.access,
      outcome: 'denied',
      reason: 'not found in the caller’s county',
      correlationId: ctx.correlationId,
    });
    throw notFound(recordType);
  }
}
