import { Controller, Get, Header, Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { topicList } from '@linkages/shared-contracts';
import type { ServiceConfig } from '@linkages/platform-config';
import type { Logger } from '@linkages/platform-logging';
import { InboxConsumer, MessagingMetrics, OutboxRelay, OutboxWriter, ensureTopics, type HandlerRegistration } from '@linkages/platform-messaging';
import { PublicRoute } from '@linkages/platform-auth';
import { SERVICE_CONFIG, SERVICE_DESCRIPTOR, type ServiceDescriptor } from './service-descriptor';
import { KAFKA, LOGGER } from './tokens';

/** Handler registrations a service provides (`{ provide: EVENT_HANDLERS, useFactory: ... }`); none by default. */
export const EVENT_HANDLERS = Symbol('EVENT_HANDLERS');

export const outboxWriterProvider = {
  provide: OutboxWriter,
  inject: [SERVICE_DESCRIPTOR],
  useFactory: (d: ServiceDescriptor) => new OutboxWriter(d.persistence.schema, d.name),
};

export const messagingMetricsProvider = { provide: MessagingMetrics, useFactory: () => new MessagingMetrics() };

/**
 * Runs the service's messaging for the life of the process: makes sure the catalog's topics exist, publishes the
 * outbox (relays in several processes share the lanes safely) and consumes the events the service handles through
 * its inbox. On shutdown: consumer first (commits offsets), then the relay (finishes its batch).
 */
@Injectable()
export class MessagingHost implements OnApplicationBootstrap, OnModuleDestroy {
  private relay?: OutboxRelay;
  private consumer?: InboxConsumer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_DESCRIPTOR) private readonly service: ServiceDescriptor,
    private readonly metrics: MessagingMetrics,
    @Optional() @Inject(EVENT_HANDLERS) private readonly handlers: HandlerRegistration[] | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await ensureTopics(this.kafka, topicList);
    if (created.length) this.logger.info({ topics: created }, 'Created Kafka topics from the catalog');
    this.relay = new OutboxRelay({ databaseUrl: this.config.DATABASE_URL, schema: this.service.persistence.schema, kafka: this.kafka, logger: this.logger, metrics: this.metrics });
    await this.relay.start();
    const handlers = this.handlers ?? [];
    if (handlers.length > 0) {
      this.consumer = new InboxConsumer({
        kafka: this.kafka,
        dataSource: this.dataSource,
        schema: this.service.persistence.schema,
        groupId: this.groupId(),
        topics: this.consumedTopics(),
        handlers,
        logger: this.logger,
        metrics: this.metrics,
      });
      await this.consumer.start();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
  }

  /** The service's one consumer group. */
  private groupId(): string {
    return `linkages-${this.service.name}`;
  }

  /** The topics of the events the service handles. */
  private consumedTopics(): string[] {
    return [...new Set((this.handlers ?? []).map((h) => h.event.topic.name))];
  }

  /** Refreshes the gauges that are read on scrape: outbox backlog and age, consumer lag. */
  async refreshGauges(): Promise<void> {
    const schema = this.service.persistence.schema;
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float AS age FROM "${schema}".outbox WHERE sent_at IS NULL`,
    )) as [{ backlog: number; age: number }];
    this.metrics.outboxBacklog.set({ schema }, row.backlog);
    this.metrics.outboxOldestUnsentSeconds.set({ schema }, row.age);
    const topics = this.consumedTopics();
    if (topics.length === 0) return;
    const groupId = this.groupId();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const end of ends) {
          const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          this.metrics.consumerLag.set({ group: groupId, topic, partition: String(end.partition) }, Math.max(0, Number(end.high) - Math.max(0, Number(at))));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }
}

@ApiTags('health')
@PublicRoute('Prometheus scrape target on the internal network: counters and gauges only, no personal data')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly host: MessagingHost,
    private readonly metrics: MessagingMetrics,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: outbox backlog and relay lag, consumer lag and outcomes, dead letters' })
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async scrape(): Promise<string> {
    await this.host.refreshGauges().catch(() => undefined);
    return this.metrics.registry.metrics();
  }
}
