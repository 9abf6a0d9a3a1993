import {
  Inject,
  Injectable,
  Optional,
  type FactoryProvider,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { topicList } from '@linkages/shared-contracts';
import { SERVICE_CONFIG, SERVICE_IDENTITY, type ServiceConfig, type ServiceIdentity } from '@linkages/platform-config';
import { LOGGER, type Logger } from '@linkages/platform-logging';
import { InboxConsumer, type HandlerRegistration } from './inbox-consumer';
import { KAFKA } from './kafka-client';
import { MessagingMetrics } from './metrics';
import { OutboxWriter } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { ensureTopics } from './topics-admin';

/**
 * Every handler registration of the service's worker: the composition root merges the handler sets each domain
 * provides (`WorkerOptions.eventHandlers`) into this one list. None by default.
 */
export const EVENT_HANDLERS = Symbol('EVENT_HANDLERS');

/** A domain's event handlers as a Nest provider (its own token): a list of `on(event, handler)` registrations. */
export type EventHandlersProvider = FactoryProvider<HandlerRegistration[]> & { provide: InjectionToken };

export const outboxWriterProvider = {
  provide: OutboxWriter,
  inject: [SERVICE_IDENTITY],
  useFactory: (service: ServiceIdentity) => new OutboxWriter(service.schema, service.name),
};

export const messagingMetricsProvider = { provide: MessagingMetrics, useFactory: () => new MessagingMetrics() };

/** The topics a service's inbox consumer subscribes to: those of the events its handlers take (catalog names). */
export const consumedTopicsOf = (handlers: readonly HandlerRegistration[]): string[] => [
  ...new Set(handlers.map((h) => h.event.topic.name)),
];

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
    @Inject(SERVICE_IDENTITY) private readonly service: ServiceIdentity,
    private readonly metrics: MessagingMetrics,
    @Optional() @Inject(EVENT_HANDLERS) private readonly handlers: HandlerRegistration[] | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await ensureTopics(this.kafka, topicList);
    if (created.length) this.logger.info({ topics: created }, 'Created Kafka topics from the catalog');
    this.relay = new OutboxRelay({
      databaseUrl: this.config.DATABASE_URL,
      schema: this.service.schema,
      kafka: this.kafka,
      logger: this.logger,
      metrics: this.metrics,
    });
    await this.relay.start();
    const handlers = this.handlers ?? [];
    if (handlers.length > 0) {
      this.consumer = new InboxConsumer({
        kafka: this.kafka,
        dataSource: this.dataSource,
        schema: this.service.schema,
        groupId: this.groupId(),
        topics: this.consumedTopics(),
        handlers,
        logger: this.logger,
        metrics: this.metrics,
        fromBeginning: this.config.CONSUMER_FIRST_START === 'earliest',
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
    return consumedTopicsOf(this.handlers ?? []);
  }

  /** Refreshes the gauges that are read on scrape: outbox backlog and age, consumer lag. */
  async refreshGauges(): Promise<void> {
    const schema = this.service.schema;
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
          this.metrics.consumerLag.set(
            { group: groupId, topic, partition: String(end.partition) },
            Math.max(0, Number(end.high) - Math.max(0, Number(at))),
          );
        }
      }
    } finally {
      await admin.disconnect();
    }
  }
}
