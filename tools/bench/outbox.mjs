#!/usr/bin/env node
// npm run bench:outbox [-- --n 50000 --lag-seconds 10]
// Measures, in one run on the local stack: (1) the raw kafkajs idempotent producer rate (acks=all, same messages,
// same keys, same batch size); (2) the outbox relay's end-to-end rate draining a pre-filled outbox; (3) end-to-end
// lag (outbox insert → consumed from Kafka) p50/p99 while events are written at half the relay's measured maximum.
// Last line: `ratio relay/raw = <number>`. A benchmark, not a test: it asserts nothing.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv } from '../stack/lib.mjs';

const require = createRequire(import.meta.url);
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const N = arg('--n', 50_000);
const LAG_SECONDS = arg('--lag-seconds', 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const KEYS = 50;
const log = (m) => process.stdout.write(`${m}\n`);
// Progress: rewritten in place on a terminal, one line every few seconds otherwise.
let lastProgress = 0;
const progress = (m) => {
  if (process.stdout.isTTY) process.stdout.write(`\r${m}        `);
  else if (Date.now() - lastProgress > 3000) {
    lastProgress = Date.now();
    process.stdout.write(`${m}\n`);
  }
};

log('bench:outbox — bringing up the stack and the build');
execFileSync(process.execPath, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { stdio: 'ignore' });
Object.assign(process.env, serviceEnv());
await ensureBuilt();
const dist = (p) => require(join(repoRoot, 'dist/libs', p, 'src/index.js'));
const { childRemovedEvent, createEvent, toKafkaRecord } = dist('shared/contracts');
const { createKafkaClient, OutboxRelay, OutboxWriter, createMessagingMigration, ensureTopics } = dist('platform/messaging');
const { createDataSourceOptions, migrateUp } = dist('platform/persistence');
const { createLogger } = dist('platform/logging');
const { DataSource } = require('typeorm');

const suffix = `${Date.now().toString(36)}`;
const schema = `bench_${suffix}`;
const topic = { name: `bench.outbox-${suffix}.v1`, partitions: 6, retentionMs: 3_600_000 };
const families = Array.from({ length: KEYS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const ctx = { service: 'child-welfare', countyCode: '06085', correlationId: `bench-${suffix}` };
const makeEvent = (i) => createEvent(childRemovedEvent, { ...childRemovedEvent.example, familyId: families[i % KEYS] }, ctx);
const sample = toKafkaRecord(makeEvent(0));
const messageBytes = sample.value.length + Object.entries(sample.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);

const kafka = createKafkaClient({ clientId: 'bench-outbox', brokers: process.env.KAFKA_BROKERS.split(',') });
const logger = createLogger({ service: 'bench', process: 'cli', level: 'warn' });
const options = createDataSourceOptions(
  process.env.DATABASE_URL,
  { schema, entities: [], migrations: [createMessagingMigration(schema)] },
  'bench',
);
await migrateUp(options);
const dataSource = await new DataSource(options).initialize();
await ensureTopics(kafka, [topic]);
const writer = new OutboxWriter(schema, 'child-welfare');
const unsent = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM "${schema}".outbox WHERE sent_at IS NULL`))[0].n);
const seconds = (ms) => (ms / 1000).toFixed(2);

try {
  log(
    `messages: ${N} × ~${messageBytes} bytes (body ${sample.value.length} + CloudEvents headers), ${KEYS} keys, batches of ${BATCH}, ${topic.partitions} partitions`,
  );

  // 1. Raw producer baseline.
  const records = Array.from({ length: N }, (_, i) => toKafkaRecord(makeEvent(i)));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: topic.name, acks: -1, messages: records.slice(0, BATCH) }); // warm-up
  let t = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await producer.send({
      topic: topic.name,
      acks: -1,
      messages: records.slice(i, i + BATCH).map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
    if ((i / BATCH) % 10 === 0) progress(`  raw producer: ${i + BATCH}/${N}`);
  }
  const rawMs = performance.now() - t;
  await producer.disconnect();
  const rawRate = N / (rawMs / 1000);
  log(`${process.stdout.isTTY ? '\r' : ''}  raw producer: ${N} messages in ${seconds(rawMs)} s = ${rawRate.toFixed(0)} msg/s`);

  // 2. Relay throughput: the relay is already running and idle; N rows are committed in one transaction, and the
  // clock runs from that commit (which wakes the relay through NOTIFY) to the last row marked sent. Progress is read
  // from the relay's own counter, so measuring adds no database load.
  const { MessagingMetrics } = dist('platform/messaging');
  const metrics = new MessagingMetrics();
  const publishedSoFar = async () => (await metrics.relayPublished.get()).values.reduce((n, v) => n + v.value, 0);
  const relay = new OutboxRelay({
    databaseUrl: process.env.DATABASE_URL,
    schema,
    kafka,
    logger,
    batchSize: BATCH,
    metrics,
    pollIntervalMs: 60_000,
  });
  await relay.start();
  const fill = dataSource.createQueryRunner();
  await fill.connect();
  await fill.startTransaction();
  for (let i = 0; i < N; i += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => makeEvent(i + j));
    await writer.enqueueEvents(
      fill.manager,
      events.map((event) => ({ event, topic: topic.name })),
    );
    if ((i / BATCH) % 10 === 0) progress(`  filling outbox (one transaction): ${i + BATCH}/${N}`);
  }
  t = performance.now();
  await fill.commitTransaction();
  await fill.release();
  for (let done = await publishedSoFar(); done < N; done = await publishedSoFar()) {
    progress(`  relay draining: ${done}/${N}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const relayMs = performance.now() - t;
  const relayRate = N / (relayMs / 1000);
  log(
    `${process.stdout.isTTY ? '\r' : ''}  relay: ${N} messages in ${seconds(relayMs)} s = ${relayRate.toFixed(0)} msg/s (commit → every row published and marked sent)`,
  );
  if ((await unsent()) !== 0) throw new Error('relay reported all published but rows are unsent');

  // 3. Lag at half the relay's maximum rate: insert → consumed.
  const target = relayRate / 2;
  const consumer = kafka.consumer({ groupId: `bench-${suffix}`, maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: false });
  const lags = [];
  let expecting = false;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      if (expecting) for (const m of batch.messages) lags.push(now - Date.parse(m.headers.ce_time.toString()));
    },
  });
  await new Promise((r) => setTimeout(r, 5000)); // group join
  expecting = true;
  const tickMs = 50;
  const perTick = target * (tickMs / 1000);
  let written = 0;
  let carry = 0;
  const end = Date.now() + LAG_SECONDS * 1000;
  let i = 0;
  while (Date.now() < end) {
    const tickStart = Date.now();
    carry += perTick;
    const k = Math.floor(carry);
    carry -= k;
    if (k > 0) {
      const events = Array.from({ length: k }, () => makeEvent(i++));
      await dataSource.transaction((tx) =>
        writer.enqueueEvents(
          tx,
          events.map((event) => ({ event, topic: topic.name })),
        ),
      );
      written += k;
    }
    progress(`  lag run at ${target.toFixed(0)} msg/s: ${written} written, ${lags.length} consumed`);
    await new Promise((r) => setTimeout(r, Math.max(0, tickMs - (Date.now() - tickStart))));
  }
  const deadline = Date.now() + 30_000;
  while (lags.length < written && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await consumer.disconnect();
  await relay.stop();
  lags.sort((a, b) => a - b);
  const pct = (p) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))];
  const achieved = written / LAG_SECONDS;
  log(
    `${process.stdout.isTTY ? '\r' : ''}  lag run: target ${target.toFixed(0)} msg/s (half the relay maximum), achieved ${achieved.toFixed(0)} msg/s for ${LAG_SECONDS} s (the writer shares the 2 cores); ${lags.length}/${written} consumed; insert → consumed p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${lags.at(-1)} ms`,
  );
  log('');
  log(`raw producer          ${rawRate.toFixed(0)} msg/s`);
  log(`outbox relay          ${relayRate.toFixed(0)} msg/s`);
  log(`lag p99               ${pct(99)} ms at ${achieved.toFixed(0)} msg/s written (target ≤ 250 ms at half the maximum)`);
  log(`ratio relay/raw = ${(relayRate / rawRate).toFixed(3)}`);
} finally {
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
  await dataSource.destroy();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic.name, `${topic.name}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
}
