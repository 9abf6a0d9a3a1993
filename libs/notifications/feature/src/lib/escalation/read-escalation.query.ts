import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import { actorOf, mayReadEscalation, type EscalationCtx } from './escalation-access';
import { EscalationAudit } from './escalation-audit';
import { EscalationHandles } from './escalation-handles';
import { escalationResponseOf } from './escalation.view';
import type { EscalationResponse } from './escalation.schemas';

/** The deadline's latest escalation: its ladder, who was notified, who is next and when. Another's is absent (404, audited). */
@Injectable()
export class ReadEscalationQuery {
  constructor(
    private readonly handles: EscalationHandles,
    private readonly audit: EscalationAudit,
  ) {}

  async execute(ctx: EscalationCtx, deadlineId: string): Promise<EscalationResponse> {
    const row = await this.handles.rowOfDeadline(deadlineId);
    const read = row ? await this.handles.read(row) : undefined;
    if (!row || !read || !mayReadEscalation(ctx.principal, read)) {
      await this.audit.record(
        actorOf(ctx.principal),
        'deny',
        { escalationId: row?.escalationId ?? deadlineId, countyCode: row?.countyCode ?? null },
        'read-escalation',
        'denied',
        ctx.correlationId,
      );
      throw problemException('not-found', 'No escalation of this deadline that you may see');
    }
    await this.audit.record(actorOf(ctx.principal), 'read', row, 'read-escalation', 'allowed', ctx.correlationId);
    return escalationResponseOf(read);
  }
}
