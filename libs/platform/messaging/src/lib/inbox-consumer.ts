import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { z } from 'zod';
import {
  EnvelopeError,
  deadLetterTopicOf,
  findEvent,
  fromKafkaRecord,
  type CloudEvent,
  type EventDefinition,
} from '@linkages/shared-contracts';
import type { Logger } from '@linkages/platform-logging';
import { assertSchemaName } from '@linkages/platform-persistence';
import type { MessagingMetrics } from './metrics';

/** A handler writes through `tx`: its rows and the inbox row commit together, so a redelivery does nothing twice. */
export type EventHandler<S extends z.ZodObject = z.ZodObject> = (event: CloudEvent<z.output<S>>, tx: EntityManager) => Promise<void>;

export interface HandlerRegistration<S extends z.ZodObject = z.ZodObject> {
  event: EventDefinition<S>;
  handle: EventHandler<S>;
}

/** Type-safe pairing of an event definition with its handler. */
export const on = <S extends z.ZodObject>(event: EventDefinition<S>, handle: EventHandler<S>): HandlerRegistration => ({
  event,
  handle: handle as EventHandler,
});

export interface InboxConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  schema: string;
  groupId: string;
  topics: readonly string[];
  handlers: readonly HandlerRegistration[];
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Handler retries before the message is dead-lettered (exponential backoff from initialRetryMs, capped). */
  retries?: number;
  initialRetryMs?: number;
  maxRetryMs?: number;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
}

export type Outcome = 'processed' | 'duplicate' | 'ignored-unknown-type' | 'dead-lettered';

export const dlqHeaders = {
  reason: 'x-dlq-reason',
  errors: 'x-dlq-errors',
  group: 'x-dlq-consumer-group',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
  attempts: 'x-dlq-attempts',
} as const;

export type DeadLetterReason = 'invalid-envelope' | 'schema-invalid' | 'handler-failed';

/**
 * Consumes topics through the service's inbox. Per message: decode the CloudEvent; skip types this consumer does
 * not handle; dead-letter what fails its schema; run the handler in one transaction with the inbox row (a
 * duplicate event id is skipped); retry handler failures with exponential backoff, then dead-letter them. Offsets
 * are committed only after one of those outcomes, so nothing is lost and nothing is applied twice.
 */
export class InboxConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly handlers: Map<string, HandlerRegistration>;
  private readonly inbox: string;

  constructor(private readonly options: InboxConsumerOptions) {
    this.inbox = `"${assertSchemaName(options.schema)}".inbox`;
    // Several slices of a service may handle one event type: their handlers run in registration order, in the one
    // inbox transaction (one fails: none is applied, and the event is retried or dead-lettered as a whole).
    this.handlers = new Map();
    for (const h of options.handlers) {
      const prior = this.handlers.get(h.event.type);
      const handle: EventHandler = prior
        ? async (event, tx) => {
            await prior.handle(event, tx);
            await h.handle(event, tx);
          }
        : h.handle;
      this.handlers.set(h.event.type, { event: prior?.event ?? h.event, handle });
    }
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 10 } });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const outcome = await this.take(topic, partition, message, heartbeat);
        this.options.metrics?.consumed.inc({ group: groupId, topic, outcome });
      },
    });
  }

  /** Commits offsets and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** Decides one message's fate. Throws only if the dead-letter publish itself fails (the message is then redelivered). */
  async take(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void> = async () => undefined,
  ): Promise<Outcome> {
    let event: CloudEvent;
    try {
      event = fromKafkaRecord(message);
    } catch (error) {
      const issues = error instanceof EnvelopeError ? error.issues : [String(error)];
      return this.deadLetter(topic, partition, message, 'invalid-envelope', issues, 0);
    }
    const registration = this.handlers.get(event.type);
    if (!registration) {
      // Documented: a type this consumer does not handle (new type, new major) is acknowledged and skipped.
      this.options.logger.debug(
        { type: event.type, known: Boolean(findEvent(event.type)), topic, eventId: event.id },
        'Skipping an event type this consumer does not handle',
      );
      return 'ignored-unknown-type';
    }
    // Fields a newer minor version added are not in this schema and are dropped by the parse.
    const parsed = registration.event.payload.safeParse(event.data);
    if (!parsed.success) {
      return this.deadLetter(
        topic,
        partition,
        message,
        'schema-invalid',
        parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`),
        0,
      );
    }
    const typed = { ...event, data: parsed.data };
    const retries = this.options.retries ?? 5;
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await this.applyOnce(typed, registration, topic, partition, message.offset);
      } catch (error) {
        lastError = error;
        if (attempt === retries) break;
        const delay = Math.min((this.options.initialRetryMs ?? 200) * 2 ** attempt, this.options.maxRetryMs ?? 5000);
        this.options.logger.warn(
          { eventId: event.id, type: event.type, attempt: attempt + 1, delayMs: delay, err: error },
          'Event handler failed; retrying',
        );
        await new Promise((r) => setTimeout(r, delay));
        await heartbeat();
      }
    }
    return this.deadLetter(topic, partition, message, 'handler-failed', [errorText(lastError)], retries + 1);
  }

  private async applyOnce(
    event: CloudEvent<Record<string, unknown>>,
    registration: HandlerRegistration,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<Outcome> {
    return this.options.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO ${this.inbox} (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
        [this.options.groupId, event.id, event.type, topic, partition, offset],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate' as const;
      await registration.handle(event, tx);
      return 'processed' as const;
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    errors: readonly string[],
    attempts: number,
  ): Promise<Outcome> {
    const headers: IHeaders = {
      ...message.headers,
      [dlqHeaders.reason]: reason,
      [dlqHeaders.errors]: JSON.stringify(errors).slice(0, 4000),
      [dlqHeaders.group]: this.options.groupId,
      [dlqHeaders.topic]: topic,
      [dlqHeaders.partition]: String(partition),
      [dlqHeaders.offset]: message.offset,
      [dlqHeaders.failedAt]: new Date().toISOString(),
      [dlqHeaders.attempts]: String(attempts),
    };
    if (!this.producer) throw new Error('InboxConsumer not started');
    await this.producer.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.options.logger.error(
      { topic, partition, offset: message.offset, reason, errors: errors.slice(0, 5) },
      'Message sent to the dead-letter topic',
    );
    this.options.metrics?.deadLetters.inc({ group: this.options.groupId, topic, reason });
    return 'dead-lettered';
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
