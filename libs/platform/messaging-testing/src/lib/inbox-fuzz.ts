import type { DataSource } from 'typeorm';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  InboxConsumer,
  consumedTopicsOf,
  consumerGroupOf,
  createKafkaClient,
  ensureTopics,
  readDeadLetters,
  type DeadLetter,
  type HandlerRegistration,
} from '@linkages/platform-messaging';
import { createLogger, type Logger } from '@linkages/platform-logging';
import { stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import {
  dataschemaOf,
  deadLetterTopicOf,
  eventCatalog,
  findEvent,
  createEvent,
  toKafkaRecord,
  topicList,
  type CloudEvent,
  type EventDefinition,
  type TopicDefinition,
} from '@linkages/shared-contracts';
import { FUZZ_CASE_HEADER, badMessages, type BadMessage, type RawRecord } from './bad-events';

export interface InboxFuzzOptions {
  /** The service whose inbox is fuzzed: its consumer group is `consumerGroupOf(service)` plus this run's suffix. */
  service: string;
  dataSource: DataSource;
  /** The service's schema (migrated with messagingMigrations and the service's own migrations). */
  schema: string;
  /** The service's handler registrations, as its worker module merges them. */
  handlers: HandlerRegistration[];
  /**
   * A fresh valid event for a consumed catalog topic, that the handlers apply (a new id and a body of its own on
   * every call). Called three times per topic and more: the applied one, the template of the bad ones, the later ones.
   * By default `freshExample` of the first type handled on the topic; `otherValidEvent` of the second, if any.
   */
  validEvent?: (topic: string) => CloudEvent;
  /** A valid event of another type handled on the topic, if the service handles several there (an id, another type). */
  otherValidEvent?: (topic: string) => CloudEvent | undefined;
  /** What the service did outside its schema (a fake Temporal client's calls): must not change for the bad ones. */
  sideEffects?: () => unknown;
  logger?: Logger;
}

export interface InboxFuzzReport {
  /** The consumed catalog topics. */
  topics: string[];
  /** Per topic, the bad cases sent and found on its dead-letter topic. */
  cases: Record<string, string[]>;
  letters: DeadLetter[];
}

const text = (h: DeadLetter['headers'], name: string) => {
  const v = h[name];
  return v === undefined ? undefined : (Array.isArray(v) ? v[0] : v)?.toString();
};

/**
 * Fuzzes a service's real inbox consumer (its handlers, their topics, the consumer's checks) with bad events on each
 * topic it consumes (issue 17), on this run's own single-partition copies of those topics, over the real broker and the
 * service's migrated schema:
 * 1. a valid event per topic is applied (the id-conflict cases reuse its id); the schema's tables are counted;
 * 2. every bad message of `badMessages` goes to the topic's copy, one partition: each must reach the dead-letter topic
 *    with its reason and an error naming the problem, and nothing may change (every table of the schema, the inbox,
 *    the side effects);
 * 3. after them on the same partition: the applied event again (a duplicate: acknowledged, no dead letter), a valid
 *    event of a newer minor version, then one of the current (older) minor: both applied, so the partition flows.
 */
export async function fuzzInbox(o: InboxFuzzOptions): Promise<InboxFuzzReport> {
  const env = stackEnv();
  const suffix = uniqueSuffix();
  const logger = o.logger ?? createLogger({ service: o.service, process: 'test', level: process.env['LOG_LEVEL'] ?? 'silent' });
  const kafka = createKafkaClient({ clientId: `it-fuzz-${o.service}`, brokers: env.KAFKA_BROKERS.split(',') });
  const catalogTopics = consumedTopicsOf(o.handlers);
  const handledOn = (topic: string) => [...new Set(o.handlers.filter((h) => h.event.topic.name === topic).map((h) => h.event))];
  const validEvent = o.validEvent ?? ((topic: string) => freshExample(must(handledOn(topic)[0], `a type handled on ${topic}`)));
  const otherValidEvent =
    o.otherValidEvent ??
    ((topic: string) => {
      const second = handledOn(topic)[1];
      return second ? freshExample(second) : undefined;
    });
  const copyOf = (name: string) => `it.fuzz-${o.service}-${suffix}.${name}`;
  const copies: TopicDefinition[] = catalogTopics.map((name) => {
    const def = topicList.find((t) => t.name === name);
    if (!def) throw new Error(`${name} is not a catalog topic`);
    return { ...def, name: copyOf(name), partitions: 1 };
  });
  await ensureTopics(kafka, copies);
  const groupId = `${consumerGroupOf({ name: o.service })}-fuzz-${suffix}`;
  const consumer = new InboxConsumer({
    kafka,
    dataSource: o.dataSource,
    schema: o.schema,
    groupId,
    topics: copies.map((t) => t.name),
    handlers: o.handlers,
    logger,
    retries: 1,
    initialRetryMs: 50,
    fromBeginning: true,
    // The copies stand for the catalog topics: a type belongs on its topic's copy.
    topicOf: (def) => copyOf(def.topic.name),
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const send = (catalogTopic: string, records: RawRecord[]) =>
    producer.send({ topic: copyOf(catalogTopic), acks: -1, messages: records.map((r) => ({ ...r })) });
  const s = `"${o.schema}"`;
  const inboxIds = async () =>
    new Set(
      ((await o.dataSource.query(`SELECT event_id FROM ${s}.inbox WHERE consumer_group = $1`, [groupId])) as { event_id: string }[]).map(
        (r) => r.event_id,
      ),
    );
  const applied = async (ids: string[]) => {
    const held = await inboxIds();
    return ids.every((id) => held.has(id));
  };
  const tableCounts = async () => {
    const tables = (await o.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [o.schema],
    )) as { name: string }[];
    // Rows and content: a bad event may neither add a row nor change one.
    const counts: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = (await o.dataSource.query(
        `SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${s}."${name}" t`,
      )) as [{ n: number; h: string }];
      counts[name] = `${row.n} rows, md5 ${row.h}`;
    }
    return counts;
  };
  const dlqTopics = copies.map((t) => deadLetterTopicOf(t.name));
  const letters = async () => (await readDeadLetters(kafka, dlqTopics)).filter((l) => l.consumerGroup === groupId);

  try {
    await consumer.start();

    // 1. One applied event per topic.
    const seeds = new Map(catalogTopics.map((t) => [t, validEvent(t)]));
    for (const [topic, event] of seeds) await send(topic, [toKafkaRecord(event)]);
    await waitFor(() => applied([...seeds.values()].map((e) => e.id)), { what: 'the applied event of each topic', timeoutMs: 45_000 });
    const before = { tables: await tableCounts(), sideEffects: JSON.stringify(o.sideEffects?.() ?? null) };

    // 2. The bad ones.
    const cases = new Map<string, BadMessage[]>();
    for (const topic of catalogTopics) {
      const seed = must(seeds.get(topic), `the applied event of ${topic}`);
      const def = findEvent(seed.type);
      if (!def) throw new Error(`${seed.type} is not in the catalog`);
      const valid = validEvent(topic);
      // Preferably a type the service handles, from another topic: the misroute that would otherwise be applied.
      const foreignDef =
        o.handlers.find((h) => h.event.topic.name !== topic)?.event ??
        must(
          eventCatalog.find((e) => e.topic.name !== topic),
          `a type of another topic than ${topic}`,
        );
      const foreign = freshExample(foreignDef);
      const sibling = otherValidEvent(topic);
      if (sibling && sibling.type === def.type) throw new Error(`otherValidEvent(${topic}) must be of another type than ${def.type}`);
      const bad = badMessages({
        def,
        valid,
        applied: seed,
        foreign,
        maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
        ...(sibling ? { sibling } : {}),
      });
      cases.set(topic, bad);
      await send(
        topic,
        bad.map((b) => b.record),
      );
    }
    const expected = [...cases.values()].reduce((n, list) => n + list.length, 0);
    // Until every bad message has its letter, or 30 s: then the cases without one are named below.
    let found = await letters();
    for (const until = Date.now() + 30_000; found.length < expected && Date.now() < until; found = await letters())
      await new Promise((r) => setTimeout(r, 500));

    const problems: string[] = [];
    const report: Record<string, string[]> = {};
    for (const [topic, bad] of cases) {
      const named: string[] = [];
      report[topic] = named;
      for (const b of bad) {
        const matching = found.filter((l) => l.originalTopic === copyOf(topic) && text(l.headers, FUZZ_CASE_HEADER) === b.name);
        if (matching.length !== 1) {
          problems.push(`${topic} ${b.name}: ${matching.length} dead letters`);
          continue;
        }
        const [letter] = matching as [DeadLetter];
        if (letter.reason !== b.reason)
          problems.push(`${topic} ${b.name}: reason ${letter.reason}, not ${b.reason} (${letter.errors.join('; ')})`);
        else if (!letter.errors.some((e) => b.error.test(e)))
          problems.push(`${topic} ${b.name}: no error matches ${String(b.error)} (${letter.errors.join('; ')})`);
        else named.push(b.name);
      }
    }
    if (found.length !== expected) problems.push(`${found.length} dead letters for ${expected} bad messages`);
    expect(problems).toEqual([]);
    // Nothing of them applied: every table of the schema (the inbox too) as it was, nothing done outside it.
    expect(await tableCounts()).toEqual(before.tables);
    expect(JSON.stringify(o.sideEffects?.() ?? null)).toBe(before.sideEffects);

    // 3. The partition keeps flowing: a duplicate of the applied event, then a newer minor, then the current one.
    const later: string[] = [];
    for (const topic of catalogTopics) {
      const seed = must(seeds.get(topic), `the applied event of ${topic}`);
      const def = must(findEvent(seed.type), `${seed.type} in the catalog`);
      const [major, minor] = def.version.split('.').map(Number) as [number, number];
      const newer = validEvent(topic);
      const newerRecord = toKafkaRecord({ ...newer, dataschema: dataschemaOf({ type: newer.type, version: `${major}.${minor + 5}` }) });
      newerRecord.value = Buffer.from(JSON.stringify({ ...(newer.data as object), addedInALaterMinor: 'ignored' }));
      const current = validEvent(topic);
      later.push(newer.id, current.id);
      await send(topic, [toKafkaRecord(seed), newerRecord, toKafkaRecord(current)]);
    }
    await waitFor(() => applied(later), { what: 'the valid events after the bad ones', timeoutMs: 30_000 });
    // The duplicate sits before them on the partition: taken (as a duplicate) and not dead-lettered.
    expect((await letters()).length).toBe(expected);
    return { topics: catalogTopics, cases: report, letters: found };
  } finally {
    await consumer.stop().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...copies.map((t) => t.name), ...dlqTopics] }).catch(() => undefined);
    await admin.disconnect();
  }
}

const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The catalog example of a type as its first producer would publish it, with every id in it (uuids, also inside
 * references) replaced by a new one, the same one for each occurrence: a valid event about things no service holds.
 */
export function freshExample(def: EventDefinition, ctx: { service?: string; countyCode?: string } = {}): CloudEvent {
  const ids = new Map<string, string>();
  const fresh = (v: unknown): unknown => {
    if (typeof v === 'string')
      return v.replace(uuids, (id) => {
        const key = id.toLowerCase();
        const known = ids.get(key) ?? globalThis.crypto.randomUUID();
        ids.set(key, known);
        return known;
      });
    if (Array.isArray(v)) return v.map(fresh);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fresh(x)]));
    return v;
  };
  return createEvent(def, fresh(def.example) as typeof def.example, {
    service: ctx.service ?? def.producers[0] ?? 'referrals',
    countyCode: ctx.countyCode ?? '06085',
    correlationId: 'it-fuzz',
  }) as CloudEvent;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`No ${what}`);
  return value;
}
