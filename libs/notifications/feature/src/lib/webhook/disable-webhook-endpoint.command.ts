import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { endpointAuditDetails, endpointInScope } from './webhook-endpoint-access';
import { webhookEndpointState } from './webhook.problems';
import type { EndpointResponse } from './webhook.schemas';

/**
 * Disables an endpoint by hand (reason `manual`): nothing is queued for it or sent to it until it is enabled again;
 * messages already queued wait. 404 outside the caller's agency and county; 409 when already disabled. Audited.
 */
@Injectable()
export class DisableWebhookEndpointCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WebhookEndpointRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(
    ctx: { principal: Principal; correlationId: string },
    endpointId: string,
    now: Date = new Date(),
  ): Promise<EndpointResponse> {
    return this.dataSource.transaction(async (tx) => {
      const before = await endpointInScope(tx, this.repository, ctx.principal, endpointId);
      if (!before.enabled) throw problemException(webhookEndpointState, 'The endpoint is already disabled');
      const view = await this.repository.setEnabled(tx, endpointId, false, 'manual', now);
      await this.audit.append(
        {
          ...auditActor(ctx.principal),
          action: 'update',
          recordType: 'webhook-endpoint',
          recordId: endpointId,
          recordCounty: view.countyCode,
          purpose: 'disable a webhook endpoint',
          outcome: 'allowed',
          correlationId: ctx.correlationId,
          details: endpointAuditDetails(view),
        },
        tx,
      );
      return view;
    });
  }
}
