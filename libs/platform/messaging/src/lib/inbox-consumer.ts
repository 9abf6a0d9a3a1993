import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { z } from 'zod';
import {
  EnvelopeError,
  dataschemaOf,
  deadLetterTopicOf,
  eventCatalog,
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
  /**
   * Largest record taken (body and headers, in bytes); a larger one is dead-lettered as too-large before it is parsed.
   * Default DEFAULT_MAX_MESSAGE_BYTES.
   */
  maxMessageBytes?: number;
  /**
   * The topic an event type of the catalog must arrive on; one of them on another topic (or a type of another major
   * than the topic's) is dead-lettered as wrong-topic. By default the catalog's topic when every subscribed topic is a
   * catalog topic; a consumer of renamed copies (tests) names the copy, or leaves it out for no check.
   */
  topicOf?: (event: EventDefinition) => string;
}

/**
 * 256 KiB: the largest catalog event (a person's match keys with its Bloom filters) is a few KiB, and a dead letter
 * (the record plus the x-dlq-* headers) must stay below the broker's message limit (1 MiB by default), so no poison
 * message can stop its partition by failing its own dead-letter publish. Nothing above it is parsed.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

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
  /** 'true' when the dead letter keeps only the first bytes and the small headers of a too-large record. */
  truncated: 'x-dlq-truncated',
} as const;

/**
 * Why a message went to the dead-letter topic (the x-dlq-reason header): too-large (above maxMessageBytes);
 * invalid-envelope (not a CloudEvents 1.0 binary-mode record: headers missing, malformed or repeated with different
 * values, or a body that is not JSON); wrong-topic (a catalog type, or a major, the topic does not carry);
 * dataschema-mismatch (the dataschema is not the type's, or of another major); schema-invalid (the data fails the
 * type's schema); id-conflict (the event id was already applied with another type or body: a duplicate id, not a
 * redelivery); handler-failed (the handler kept failing).
 */
export type DeadLetterReason =
  'too-large' | 'invalid-envelope' | 'wrong-topic' | 'dataschema-mismatch' | 'schema-invalid' | 'id-conflict' | 'handler-failed';

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
  private readonly topicOf?: (event: EventDefinition) => string;
  private fingerprinted?: Promise<boolean>;

  constructor(private readonly options: InboxConsumerOptions) {
    this.inbox = `"${assertSchemaName(options.schema)}".inbox`;
    const catalogTopics = new Set(eventCatalog.map((e) => e.topic.name));
    this.topicOf = options.topicOf ?? (options.topics.every((t) => catalogTopics.has(t)) ? (e) => e.topic.name : undefined);
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
    const screened = screenRecord(topic, message, {
      handlers: this.handlers,
      ...(this.topicOf ? { topicOf: this.topicOf } : {}),
      maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    });
    if (screened.verdict === 'dead-letter') return this.deadLetter(topic, partition, message, screened.reason, screened.errors, 0);
    if (screened.verdict === 'skip') {
      // Documented: a type this consumer does not handle (new type, new major) is acknowledged and skipped.
      const { type, id } = screened.event;
      this.options.logger.debug(
        { type, known: Boolean(findEvent(type)), topic, eventId: id },
        'Skipping an event type this consumer does not handle',
      );
      return 'ignored-unknown-type';
    }
    const { event, registration } = screened;
    const fingerprint = fingerprintOf(event.type, message.value);
    const retries = this.options.retries ?? 5;
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        const outcome = await this.applyOnce(event, registration, topic, partition, message.offset, fingerprint);
        if (typeof outcome === 'object') return this.deadLetter(topic, partition, message, 'id-conflict', [outcome.conflict], 0);
        return outcome;
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
    fingerprint: string,
  ): Promise<Outcome | { conflict: string }> {
    const fingerprinted = await this.hasFingerprint();
    return this.options.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        fingerprinted
          ? `INSERT INTO ${this.inbox} (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset, fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`
          : `INSERT INTO ${this.inbox} (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
        [this.options.groupId, event.id, event.type, topic, partition, offset, ...(fingerprinted ? [fingerprint] : [])],
      )) as unknown[];
      if (inserted.length === 0) {
        // Applied before: a redelivery, a relay's resend or a replay carries the same type and body; another one under
        // the same id is a different event, never applied and never acknowledged as a duplicate.
        const [prior] = (await tx.query(
          `SELECT event_type, ${fingerprinted ? 'fingerprint' : 'NULL AS fingerprint'} FROM ${this.inbox} WHERE consumer_group = $1 AND event_id = $2`,
          [this.options.groupId, event.id],
        )) as { event_type: string; fingerprint: string | null }[];
        if (prior && prior.event_type !== event.type)
          return { conflict: `id: ${event.id} was applied as ${prior.event_type}, not ${event.type}` };
        if (prior?.fingerprint && prior.fingerprint !== fingerprint)
          return { conflict: `id: ${event.id} was applied with another body (${event.type})` };
        return 'duplicate' as const;
      }
      await registration.handle(event, tx);
      return 'processed' as const;
    });
  }

  /** Whether the service's inbox has the fingerprint column (createInboxFingerprintMigration). Asked once. */
  private hasFingerprint(): Promise<boolean> {
    this.fingerprinted ??= (
      this.options.dataSource.query(
        `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'inbox' AND column_name = 'fingerprint'`,
        [this.options.schema],
      ) as Promise<unknown[]>
    ).then(
      (rows) => rows.length > 0,
      (error: unknown) => {
        this.fingerprinted = undefined;
        throw error;
      },
    );
    return this.fingerprinted;
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    errors: readonly string[],
    attempts: number,
  ): Promise<Outcome> {
    // A record too large to take is kept without its large parts (its first bytes and its small headers), so its dead
    // letter fits on the broker too.
    const tooLarge = reason === 'too-large';
    // Headers of the dead-letter protocol the record brought itself are not kept: only this consumer's describe it.
    const kept = Object.fromEntries(
      Object.entries(message.headers ?? {}).filter(([name, v]) => !name.startsWith('x-dlq-') && (!tooLarge || headerBytes(v) <= 1024)),
    );
    const headers: IHeaders = {
      ...kept,
      [dlqHeaders.reason]: reason,
      [dlqHeaders.errors]: dlqErrorsHeader(errors),
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
      messages: [
        {
          key: tooLarge && message.key && message.key.length > 1024 ? null : message.key,
          value: tooLarge && message.value ? message.value.subarray(0, 16 * 1024) : message.value,
          headers: tooLarge ? { ...headers, [dlqHeaders.truncated]: 'true' } : headers,
        },
      ],
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

export interface ScreeningRules {
  /** The registration of each handled type. */
  handlers: ReadonlyMap<string, HandlerRegistration>;
  /** See InboxConsumerOptions.topicOf: without it, no type is refused for its topic. */
  topicOf?: (event: EventDefinition) => string;
  maxMessageBytes: number;
}

export type Screened =
  | { verdict: 'dead-letter'; reason: DeadLetterReason; errors: string[] }
  | { verdict: 'skip'; event: CloudEvent }
  | { verdict: 'take'; event: CloudEvent<Record<string, unknown>>; registration: HandlerRegistration };

/**
 * What the consumer does with a record before any handler or the inbox sees it (pure): dead-letter it (too large,
 * not a CloudEvent, misrouted, another type's or major's dataschema, data failing the schema), skip it (a type not
 * handled, of the topic's major) or take it (its data parsed by the type's schema).
 */
export function screenRecord(topic: string, message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>, rules: ScreeningRules): Screened {
  const dead = (reason: DeadLetterReason, errors: string[]): Screened => ({ verdict: 'dead-letter', reason, errors });
  const size = recordBytes(message);
  if (size > rules.maxMessageBytes)
    return dead('too-large', [`record: ${size} bytes (body and headers), above the limit of ${rules.maxMessageBytes}`]);
  const repeated = repeatedHeaders(message.headers);
  if (repeated.length > 0)
    return dead(
      'invalid-envelope',
      repeated.map((h) => `${h}: header repeated with different values`),
    );
  let event: CloudEvent;
  try {
    event = fromKafkaRecord({ value: message.value, ...(message.headers ? { headers: message.headers } : {}) });
  } catch (error) {
    return dead('invalid-envelope', error instanceof EnvelopeError ? [...error.issues] : [String(error)]);
  }
  const registration = rules.handlers.get(event.type);
  const misrouted = rules.topicOf ? misroute(topic, event.type, registration?.event ?? findEvent(event.type), rules.topicOf) : undefined;
  if (misrouted) return dead('wrong-topic', [misrouted]);
  if (!registration) return { verdict: 'skip', event };
  const dataschema = dataschemaProblem(event, registration.event);
  if (dataschema) return dead('dataschema-mismatch', [dataschema]);
  // Fields a newer minor version added are not in this schema and are dropped by the parse.
  const parsed = registration.event.payload.safeParse(event.data);
  if (!parsed.success)
    return dead(
      'schema-invalid',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`),
    );
  return { verdict: 'take', event: { ...event, data: parsed.data as Record<string, unknown> }, registration };
}

/** Why a record of this type may not be taken from this topic (undefined: it may). */
function misroute(
  topic: string,
  type: string,
  def: EventDefinition | undefined,
  topicOf: (event: EventDefinition) => string,
): string | undefined {
  if (def) {
    const expected = topicOf(def);
    return expected === topic ? undefined : `type: ${type} is published on ${expected}, not on ${topic}`;
  }
  // Not in this catalog: a new type is skipped, but the topic's name carries its major, and a type of another major
  // never belongs on it.
  const major = /\.v(\d+)$/.exec(type)?.[1];
  const topicMajor = /\.v(\d+)$/.exec(topic)?.[1];
  return major !== undefined && topicMajor !== undefined && major !== topicMajor
    ? `type: major version ${major} of ${type} does not belong on ${topic} (major ${topicMajor})`
    : undefined;
}

/** The x-dlq-errors header: a JSON array of at most 4,000 characters that stays valid JSON (whole entries, the last one cut). */
export function dlqErrorsHeader(errors: readonly string[], limit = 4000): string {
  const entries = errors.map((e) => (e.length > 500 ? `${e.slice(0, 499)}…` : e));
  const more = (n: number) => `…and ${n} more`;
  const kept: string[] = [];
  let length = 2;
  for (const [i, entry] of entries.entries()) {
    const add = JSON.stringify(entry).length + (kept.length > 0 ? 1 : 0);
    const rest = entries.length - i - 1;
    // Room for this entry and, if any follow, the note of how many (never longer than the one a cut here writes).
    if (length + add + (rest > 0 ? JSON.stringify(more(rest)).length + 1 : 0) > limit) {
      kept.push(more(entries.length - i));
      break;
    }
    kept.push(entry);
    length += add;
  }
  return JSON.stringify(kept);
}

/** Names of the headers given more than once with different values (which one is meant is unknowable). */
export function repeatedHeaders(headers: IHeaders | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([, v]) => Array.isArray(v) && new Set(v.map((x) => (typeof x === 'string' ? Buffer.from(x) : x).toString('base64'))).size > 1)
    .map(([name]) => name);
}

function headerBytes(value: IHeaders[string]): number {
  if (value === undefined) return 0;
  return (Array.isArray(value) ? value : [value]).reduce((n, v) => n + Buffer.byteLength(v), 0);
}

/** The bytes a record brings: key, body, header names and values. */
export function recordBytes(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>): number {
  let n = (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) n += Buffer.byteLength(name) + headerBytes(value);
  return n;
}

/** Why the event's dataschema is not its type's (any minor of the type's major), or undefined. None is fine. */
export function dataschemaProblem(event: Pick<CloudEvent, 'type' | 'dataschema'>, def: EventDefinition): string | undefined {
  if (event.dataschema === undefined) return undefined;
  const base = dataschemaOf({ type: def.type, version: def.version }).slice(0, -def.version.length);
  const major = def.version.split('.')[0];
  const version = event.dataschema.startsWith(base) ? /^(\d+)\.(\d+)$/.exec(event.dataschema.slice(base.length)) : null;
  if (!version) return `dataschema: ${event.dataschema.slice(0, 200)} is not a schema of ${def.type}`;
  if (version[1] !== major) return `dataschema: version ${version[1]}.${version[2]} is not of major ${major} (${def.type})`;
  return undefined;
}

/** What the inbox remembers of an applied event: its type and body, hashed. */
function fingerprintOf(type: string, value: Buffer | null): string {
  return createHash('sha256')
    .update(type)
    .update('\n')
    .update(value ?? Buffer.alloc(0))
    .digest('base64url');
}
