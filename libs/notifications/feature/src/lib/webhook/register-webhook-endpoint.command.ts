import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import { WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { WEBHOOK_URL_REFUSALS, checkWebhookUrl } from '@linkages/notifications-domain';
import { endpointAuditDetails } from './webhook-endpoint-access';
import { webhookAgencyRefused, webhookUrlRefused } from './webhook.problems';
import type { EndpointWithSecretResponse, RegisterEndpointBody } from './webhook.schemas';
import { generateWebhookSecret } from './webhook-secret-source';

/**
 * Registers an endpoint of the caller's agency and county for some event types, with the caller's secret or a
 * generated one, returned this once (stored encrypted). Refused, changing nothing: a URL that is not https or
 * reaches an internal host outside development (422 webhook-url-refused), an agency not the caller's (422). Audited.
 */
@Injectable()
export class RegisterWebhookEndpointCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: WebhookEndpointRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'NODE_ENV'>,
  ) {}

  async execute(
    ctx: { principal: Principal; correlationId: string },
    body: RegisterEndpointBody,
    now: Date = new Date(),
  ): Promise<EndpointWithSecretResponse> {
    const { principal } = ctx;
    const agency = principal.agency === 'platform' ? body.agency : (body.agency ?? principal.agency);
    if (!agency)
      throw problemException(webhookAgencyRefused, 'A platform administrator names the agency (cws or calworks) the endpoint is for');
    if (agency !== principal.agency && principal.agency !== 'platform')
      throw problemException(webhookAgencyRefused, 'An endpoint can be registered for your own agency only');
    const check = checkWebhookUrl(body.url, { development: this.config.NODE_ENV === 'development' });
    if (!check.ok) throw problemException(webhookUrlRefused, `The URL ${WEBHOOK_URL_REFUSALS[check.reason]}`, { reason: check.reason });
    const secret = body.secret ?? generateWebhookSecret();
    const id = globalThis.crypto.randomUUID();
    const view = await this.dataSource.transaction(async (tx) => {
      const created = await this.repository.create(
        tx,
        { id, agency, countyCode: principal.county, url: check.url, eventTypes: body.eventTypes, secret },
        now,
      );
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'create',
          recordType: 'webhook-endpoint',
          recordId: id,
          recordCounty: principal.county,
          purpose: 'register a webhook endpoint',
          outcome: 'allowed',
          correlationId: ctx.correlationId,
          details: endpointAuditDetails(created, { secretGenerated: body.secret === undefined }),
        },
        tx,
      );
      return created;
    });
    return { ...view, secret };
  }
}
