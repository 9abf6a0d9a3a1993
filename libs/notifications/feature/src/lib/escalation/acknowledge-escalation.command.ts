import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import { staffIdOf } from '@linkages/platform-access';
import { actorOf, mayReadEscalation, type EscalationCtx } from './escalation-access';
import { EscalationAudit } from './escalation-audit';
import { EscalationHandles } from './escalation-handles';
import { escalationResponseOf } from './escalation.view';
import type { AcknowledgeBody, EscalationResponse } from './escalation.schemas';

/**
 * Acknowledges the deadline's escalation as the caller (someone notified at a raised level): every pending
 * notification of it stops. Refused (not yours, twice, after it ended) with the process's reason, nothing changed; audited.
 */
@Injectable()
export class AcknowledgeEscalationCommand {
  constructor(
    private readonly handles: EscalationHandles,
    private readonly audit: EscalationAudit,
  ) {}

  async execute(ctx: EscalationCtx, deadlineId: string, body: AcknowledgeBody): Promise<EscalationResponse> {
    const row = await this.handles.rowOfDeadline(deadlineId);
    const actor = actorOf(ctx.principal);
    // One the caller may not even see is absent (404, as for the read), never "not yours" (403), which would reveal it.
    const visible = row ? await this.handles.read(row) : undefined;
    if (!row || !visible || !mayReadEscalation(ctx.principal, visible)) {
      await this.audit.record(
        actor,
        'deny',
        { escalationId: row?.escalationId ?? deadlineId, countyCode: row?.countyCode ?? null },
        'acknowledge-escalation',
        'denied',
        ctx.correlationId,
      );
      throw problemException('not-found', 'No escalation of this deadline that you may see');
    }
    try {
      const read = await this.handles.acknowledge(row, {
        by: staffIdOf(ctx.principal.subject),
        via: 'api',
        ...(body.note ? { note: body.note } : {}),
      });
      await this.audit.record(actor, 'update', row, 'acknowledge-escalation', 'allowed', ctx.correlationId, {
        level: read.view.level,
        via: 'api',
      });
      return escalationResponseOf(read);
    } catch (error) {
      await this.audit.record(actor, 'update', row, 'acknowledge-escalation', 'denied', ctx.correlationId, { via: 'api' });
      throw error;
    }
  }
}
