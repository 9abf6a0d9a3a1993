import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog, type AuditOutcome } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';

export interface InboxCtx {
  principal: Principal;
  correlationId: string;
}

/** The audit record of a read or archive of one's inbox item (ids only: never its title or body). */
@Injectable()
export class InboxAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  async record(
    ctx: InboxCtx,
    purpose: 'mark-inbox-item-read' | 'archive-inbox-item',
    notificationId: string,
    outcome: AuditOutcome,
    details: Record<string, unknown>,
    tx?: EntityManager,
  ): Promise<void> {
    await this.audit.append(
      {
        ...auditActor(ctx.principal),
        action: outcome === 'allowed' ? 'update' : 'deny',
        recordType: 'inbox-item',
        recordId: notificationId,
        recordCounty: ctx.principal.county,
        purpose,
        outcome,
        correlationId: ctx.correlationId,
        details,
      },
      tx,
    );
  }
}
