import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import { staffIdOf } from '@linkages/platform-access';
import { actorOf, type EscalationCtx } from './escalation-access';
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
    if (!row) throw problemException('not-found', 'No escalation of this deadline');
    const actor = actorOf(ctx.principal);
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
