import type { Kafka, IHeaders } from 'kafkajs';
import { deadLetterTopicOf, topicList, type TopicDefinition } from '@linkages/shared-contracts';
import { dlqHeaders } from './inbox-consumer';

export interface DeadLetter {
  /** The event id (ce_id), or `<topic>/<partition>/<offset>` when the record had none. */
  id: string;
  type?: string;
  reason: string;
  errors: string[];
  consumerGroup: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  failedAt: string;
  attempts: number;
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** A service's one consumer group (the group its inbox consumer joins and names in `x-dlq-consumer-group`). */
export const consumerGroupOf = (service: { name: string }): string => `linkages-${service.name}`;

/**
 * Where a service's dead letters can be: the dead-letter topics of the catalog topics it consumes, and its consumer
 * group (a dead-letter topic holds the letters of every group that consumes the original topic).
 */
export interface DeadLetterScope {
  groupId: string;
  /** The original topics (catalog names); their dead-letter topics are `deadLetterTopicOf(topic)`. */
  topics: readonly string[];
}

export function deadLetterScopeOf(service: { name: string }, catalog: readonly TopicDefinition[] = topicList): DeadLetterScope {
  return {
    groupId: consumerGroupOf(service),
    topics: catalog.filter((t) => (t.consumers as readonly string[]).includes(service.name)).map((t) => t.name),
  };
}

/** The dead letters of one scope (its topics, its group), optionally of one original topic. */
export async function readScopedDeadLetters(kafka: Kafka, scope: DeadLetterScope, topic?: string): Promise<DeadLetter[]> {
  const topics = topic === undefined ? scope.topics : scope.topics.filter((t) => t === topic);
  const letters = await readDeadLetters(kafka, topics.map(deadLetterTopicOf));
  return letters.filter((l) => l.consumerGroup === scope.groupId);
}

const text = (h: IHeaders, name: string) => {
  const v = h[name];
  return v === undefined ? undefined : (Array.isArray(v) ? v[0] : v)?.toString();
};

/** Reads every record currently in the given dead-letter topics (from the start to the current end). */
export async function readDeadLetters(kafka: Kafka, dlqTopics: readonly string[]): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, Map<number, bigint>>();
  try {
    const existing = new Set(await retryRetriable(() => admin.listTopics()));
    for (const topic of dlqTopics.filter((t) => existing.has(t))) {
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(topic));
      // Only partitions that still hold records: one whose records all expired (low = high) is never read to its end.
      const held = offsets.filter((p) => BigInt(p.high) > BigInt(p.low));
      if (held.length) ends.set(topic, new Map(held.map((p) => [p.partition, BigInt(p.high)])));
    }
  } finally {
    await admin.disconnect();
  }
  const pending = [...ends.values()].reduce((n, parts) => n + parts.size, 0);
  if (pending === 0) return [];
  const out: DeadLetter[] = [];
  const consumer = kafka.consumer({ groupId: `linkages-dlq-reader-${process.pid}-${Date.now()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...ends.keys()], fromBeginning: true });
    const done = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Timed out reading dead-letter topics')), 60_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const h = message.headers ?? {};
            out.push({
              id: text(h, 'ce_id') ?? `${topic}/${partition}/${message.offset}`,
              type: text(h, 'ce_type'),
              reason: text(h, dlqHeaders.reason) ?? 'unknown',
              errors: JSON.parse(text(h, dlqHeaders.errors) ?? '[]') as string[],
              consumerGroup: text(h, dlqHeaders.group) ?? '',
              originalTopic: text(h, dlqHeaders.topic) ?? topic.replace(/\.dlq$/, ''),
              originalPartition: Number(text(h, dlqHeaders.partition) ?? -1),
              originalOffset: text(h, dlqHeaders.offset) ?? '',
              failedAt: text(h, dlqHeaders.failedAt) ?? '',
              attempts: Number(text(h, dlqHeaders.attempts) ?? 0),
              dlqTopic: topic,
              dlqPartition: partition,
              dlqOffset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value,
              headers: h,
            });
            const end = ends.get(topic)?.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) done.add(`${topic}/${partition}`);
            if (done.size >= pending) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}

/**
 * Publishes dead letters back to their original topic with their original key, body and CloudEvents headers
 * (x-dlq-* removed, x-replay-of added). Every consumer group sees them again; the inbox makes groups that already
 * applied the event skip it, so a replay after a fix is processed exactly once.
 */
export async function replayDeadLetters(kafka: Kafka, letters: readonly DeadLetter[]): Promise<number> {
  if (letters.length === 0) return 0;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const byTopic = new Map<string, { key: string | null; value: Buffer | null; headers: IHeaders }[]>();
    for (const letter of letters) {
      const headers: IHeaders = Object.fromEntries(
        Object.entries(letter.headers).filter(([name]) => !name.startsWith('x-dlq-') && !name.startsWith('x-replay')),
      );
      headers['x-replay-of'] = `${letter.dlqTopic}/${letter.dlqPartition}/${letter.dlqOffset}`;
      headers['x-replayed-at'] = new Date().toISOString();
      const list = byTopic.get(letter.originalTopic) ?? [];
      list.push({ key: letter.key, value: letter.value, headers });
      byTopic.set(letter.originalTopic, list);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    return letters.length;
  } finally {
    await producer.disconnect();
  }
}

/**
 * Retries an admin call that failed with an error Kafka marks retriable (a partition whose leadership is still
 * settling on a freshly started or freshly changed broker answers "not the leader" for a moment).
 */
async function retryRetriable<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000)));
    }
  }
}
