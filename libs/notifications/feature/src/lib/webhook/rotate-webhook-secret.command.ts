import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import type { Principal } from '@linkages/platform-access';
import { WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { WEBHOOK_PREVIOUS_SECRET_TTL_MS } from '@linkages/notifications-domain';
import { endpointAuditDetails, endpointInScope } from './webhook-endpoint-access';
import type { EndpointWithSecretResponse, RotateSecretBody } from './webhook.schemas';
import { generateWebhookSecret } from './webhook-secret-source';

/**
 * A new signing secret (the caller's or generated), returned this once; the previous one keeps signing beside it for
 * 24 hours so receivers can switch over. 404 outside the caller's agency and county. Audited.
 */
@Injectable()
export class RotateWebhookSecretCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WebhookEndpointRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(
    ctx: { principal: Principal; correlationId: string },
    endpointId: string,
    body: RotateSecretBody,
    now: Date = new Date(),
  ): Promise<EndpointWithSecretResponse> {
    const secret = body.secret ?? generateWebhookSecret();
    const view = await this.dataSource.transaction(async (tx) => {
      await endpointInScope(tx, this.repository, ctx.principal, endpointId);
      const until = new Date(now.getTime() + WEBHOOK_PREVIOUS_SECRET_TTL_MS);
      const rotated = await this.repository.rotate(tx, endpointId, secret, until, now);
      await this.audit.append(
        {
          ...auditActor(ctx.principal),
          action: 'update',
          recordType: 'webhook-endpoint',
          recordId: endpointId,
          recordCounty: rotated.countyCode,
          purpose: 'rotate a webhook signing secret',
          outcome: 'allowed',
          correlationId: ctx.correlationId,
          details: endpointAuditDetails(rotated, {
            previousSecretExpiresAt: until.toISOString(),
            secretGenerated: body.secret === undefined,
          }),
        },
        tx,
      );
      return rotated;
    });
    return { ...view, secret };
  }
}
