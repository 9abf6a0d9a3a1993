import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { WebhookDeliveryQueue, WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { endpointAuditDetails, endpointInScope } from './webhook-endpoint-access';
import { webhookEndpointState } from './webhook.problems';
import type { EndpointResponse } from './webhook.schemas';

/**
 * Re-enables an endpoint (after it was disabled for failing, or by hand): the failure counters reset and its pending
 * messages are sent at once. 404 outside the caller's agency and county; 409 when already enabled. Audited.
 */
@Injectable()
export class EnableWebhookEndpointCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WebhookEndpointRepository,
    private readonly queue: WebhookDeliveryQueue,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(
    ctx: { principal: Principal; correlationId: string },
    endpointId: string,
    now: Date = new Date(),
  ): Promise<EndpointResponse> {
    return this.dataSource.transaction(async (tx) => {
      const before = await endpointInScope(tx, this.repository, ctx.principal, endpointId);
      if (before.enabled) throw problemException(webhookEndpointState, 'The endpoint is already enabled');
      const view = await this.repository.setEnabled(tx, endpointId, true, null, now);
      const resumed = await this.queue.resume(tx, endpointId, now);
      await this.audit.append(
        {
          ...auditActor(ctx.principal),
          action: 'update',
          recordType: 'webhook-endpoint',
          recordId: endpointId,
          recordCounty: view.countyCode,
          purpose: 'enable a webhook endpoint',
          outcome: 'allowed',
          correlationId: ctx.correlationId,
          details: endpointAuditDetails(view, { wasDisabledFor: before.disabledReason, resumedMessages: resumed }),
        },
        tx,
      );
      return view;
    });
  }
}
