import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Messaging metrics for one process, exposed at GET /metrics in Prometheus text format. */
export class MessagingMetrics {
  readonly relayPublished: Counter<'schema'>;
  readonly relayFailures: Counter<'schema'>;
  readonly relayLag: Histogram<'schema'>;
  readonly outboxBacklog: Gauge<'schema'>;
  readonly outboxOldestUnsentSeconds: Gauge<'schema'>;
  readonly consumed: Counter<'group' | 'topic' | 'outcome'>;
  readonly deadLetters: Counter<'group' | 'topic' | 'reason'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.relayPublished = new Counter({
      name: 'linkages_outbox_published_total',
      help: 'Outbox rows published to Kafka',
      labelNames: ['schema'],
      registers,
    });
    this.relayFailures = new Counter({
      name: 'linkages_outbox_relay_failures_total',
      help: 'Relay rounds that failed and were retried',
      labelNames: ['schema'],
      registers,
    });
    this.relayLag = new Histogram({
      name: 'linkages_outbox_relay_lag_seconds',
      help: 'Time from outbox insert to Kafka acknowledgment',
      labelNames: ['schema'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.outboxBacklog = new Gauge({
      name: 'linkages_outbox_backlog',
      help: 'Outbox rows not yet published',
      labelNames: ['schema'],
      registers,
    });
    this.outboxOldestUnsentSeconds = new Gauge({
      name: 'linkages_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest unpublished outbox row',
      labelNames: ['schema'],
      registers,
    });
    this.consumed = new Counter({
      name: 'linkages_consumer_messages_total',
      help: 'Messages taken by inbox consumers, by outcome',
      labelNames: ['group', 'topic', 'outcome'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'linkages_dead_letters_total',
      help: 'Messages sent to a dead-letter topic',
      labelNames: ['group', 'topic', 'reason'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'linkages_consumer_lag',
      help: 'Messages between a consumer group offset and the partition end',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
  }
}
