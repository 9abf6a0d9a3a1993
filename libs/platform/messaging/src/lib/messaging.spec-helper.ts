import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent, familyId, type TopicDefinition } from '@linkages/shared-contracts';
import { createLogger } from '@linkages/platform-logging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createKafkaClient } from './kafka-client';
import { messagingMigrations } from './messaging.migration';
import { InboxConsumer, on, type HandlerRegistration } from './inbox-consumer';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { OutboxWriter } from './outbox';
import { ensureTopics } from './topics-admin';

/**
 * A throwaway service for messaging tests: its own schema (outbox, inbox and an `applied` table the handler writes),
 * its own topic and dead-letter topic on the real broker, and a probe event type on that topic.
 */
export async function createMessagingFixture(name: string) {
  const env = stackEnv();
  const suffix = uniqueSuffix();
  const schema = `it_${name.replace(/-/g, '_')}_${suffix}`;
  const topic: TopicDefinition = {
    name: `it.${name}-${suffix}.v1`,
    description: 'test',
    partitions: 6,
    retentionMs: 3_600_000,
    key: 'familyId',
    producers: ['calworks'],
    consumers: ['referrals'],
  };
  class CreateApplied1764000000001 implements MigrationInterface {
    name = 'CreateApplied1764000000001';
    async up(q: QueryRunner) {
      await q.query(
        `CREATE TABLE "${schema}".applied (n bigserial PRIMARY KEY, event_id uuid NOT NULL, family_id uuid NOT NULL, seq integer NOT NULL)`,
      );
    }
    async down(q: QueryRunner) {
      await q.query(`DROP TABLE "${schema}".applied`);
    }
  }
  const options = createDataSourceOptions(
    env.DATABASE_URL,
    { schema, entities: [], migrations: [...messagingMigrations(schema), CreateApplied1764000000001] },
    `it-${name}`,
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  const kafka = createKafkaClient({ clientId: `it-${name}`, brokers: env.KAFKA_BROKERS.split(',') });
  await ensureTopics(kafka, [topic]);
  const logger = createLogger({ service: `it-${name}`, process: 'test', level: process.env['LOG_LEVEL'] ?? 'silent' });
  const probe = defineEvent({
    domain: 'linkages',
    name: 'probe-recorded',
    topic,
    title: 'Probe recorded',
    description: 'Test event',
    producers: ['calworks'],
    payload: z.object({ familyId, seq: z.number().int().min(0) }),
    key: (p) => p.familyId,
    subject: (p) => `probe/${p.seq}`,
    example: { familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60', seq: 0 },
  });
  const writer = new OutboxWriter(schema, 'calworks');
  const ctx = { countyCode: '06085', correlationId: `it-${suffix}` };
  const started: { stop(): Promise<void> }[] = [];

  const recordingHandler = on(probe, async (event, tx) => {
    await tx.query(`INSERT INTO "${schema}".applied (event_id, family_id, seq) VALUES ($1, $2, $3)`, [
      event.id,
      event.data.familyId,
      event.data.seq,
    ]);
  });

  return {
    schema,
    topic,
    dataSource,
    kafka,
    logger,
    probe,
    writer,
    ctx,
    recordingHandler,
    /** Enqueues probe events in one transaction. */
    async enqueue(payloads: { familyId: string; seq: number }[]) {
      await dataSource.transaction((tx) => writer.enqueueMany(tx, probe, payloads, ctx));
    },
    relay(overrides: Partial<OutboxRelayOptions> = {}) {
      const relay = new OutboxRelay({ databaseUrl: env.DATABASE_URL, schema, kafka, logger, pollIntervalMs: 200, ...overrides });
      started.push(relay);
      return relay;
    },
    async consumer(
      handlers: HandlerRegistration[] = [recordingHandler],
      overrides: { retries?: number; groupId?: string; fromBeginning?: boolean } = {},
    ) {
      const consumer = new InboxConsumer({
        kafka,
        dataSource,
        schema,
        groupId: overrides.groupId ?? `it-${name}-${suffix}`,
        topics: [topic.name],
        handlers,
        logger,
        retries: overrides.retries ?? 2,
        initialRetryMs: 50,
        ...(overrides.fromBeginning !== undefined ? { fromBeginning: overrides.fromBeginning } : {}),
      });
      started.push(consumer);
      await consumer.start();
      return consumer;
    },
    async count(sql: string, params: unknown[] = []): Promise<number> {
      const [row] = (await dataSource.query(sql, params)) as [{ n: string }];
      return Number(row.n);
    },
    async close() {
      for (const s of started.reverse()) await s.stop().catch(() => undefined);
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic.name, `${topic.name}.dlq`] }).catch(() => undefined);
      await admin.disconnect();
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

export type MessagingFixture = Awaited<ReturnType<typeof createMessagingFixture>>;

export const familyIds = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
