import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Counter, type Registry } from 'prom-client';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { FIELD_CIPHER, type FieldCipher } from '@linkages/platform-crypto';
import { LOGGER, type Logger } from '@linkages/platform-logging';
import { MessagingMetrics, OutboxWriter, PollingLoop } from '@linkages/platform-messaging';
import { WebhookEndpointRepository } from '@linkages/notifications-data-access';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookMetrics } from './webhook-dispatcher';
import { createHttpWebhookSender } from './webhook-sender';

/**
 * Counters on the service's metrics registry (registered once per registry), served with the worker's other metrics
 * at `/metrics` on its health port (WORKER_HEALTH_PORT).
 */
export function webhookMetricsOn(registry: Registry): WebhookMetrics {
  const counter = (name: string, help: string, labelNames: string[]) =>
    (registry.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
  const attempts = counter('linkages_webhook_attempts_total', 'Webhook delivery attempts by outcome (delivered, retry, failed)', [
    'outcome',
  ]);
  const disabled = counter('linkages_webhook_endpoints_disabled_total', 'Webhook endpoints disabled after persistent failure', ['reason']);
  return {
    attempt: (outcome) => attempts.inc({ outcome }),
    endpointDisabled: (reason) => disabled.inc({ reason }),
  };
}

/**
 * The webhook dispatcher of the notifications worker: a polling loop over the webhook queue in PostgreSQL (1 s
 * idle interval; a full batch loops at once). A loop rather than a Temporal activity per message: the queue is
 * already durable and its rows leased with SKIP LOCKED (several workers share it), retries are hours apart and would
 * otherwise be timers in a workflow history per message, and the escalation workflow must not wait on an agency's
 * endpoint. Outside development (NODE_ENV) the sender connects to public addresses only.
 */
@Injectable()
export class WebhookDispatcherHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly dispatcher: WebhookDispatcher;
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(FIELD_CIPHER) cipher: FieldCipher,
    @Inject(OutboxWriter) outbox: OutboxWriter,
    @Inject(AUDIT_LOG) audit: AuditLog,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(MessagingMetrics) metrics?: MessagingMetrics | null,
  ) {
    this.dispatcher = createWebhookDispatcher({
      ds,
      endpoints: new WebhookEndpointRepository(cipher),
      outbox,
      audit,
      send: createHttpWebhookSender({ timeoutMs: 10_000, allowInternalAddresses: config.NODE_ENV === 'development' }),
      ...(metrics ? { metrics: webhookMetricsOn(metrics.registry) } : {}),
      onDisabled: (endpointId, reason) =>
        this.logger.warn({ endpointId, reason }, 'Webhook endpoint disabled after persistent failure (audited; re-enable through the API)'),
    });
    this.loop = new PollingLoop({
      turn: () => this.dispatcher.dispatchDue(),
      pollIntervalMs: 1000,
      onError: (err, backoffMs) => this.logger.error({ err, backoffMs }, 'Webhook dispatcher turn failed; retrying'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
