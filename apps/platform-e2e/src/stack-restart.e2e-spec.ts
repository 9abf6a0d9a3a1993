import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { repoRoot } from '@linkages/platform-config';
import { ensureTopics } from '@linkages/platform-messaging';
import { workerTelemetry } from '@linkages/platform-temporal';
import { quietTemporalRuntime, stackEnv, uniqueSuffix } from '@linkages/platform-testing';

const stack = (command: 'up' | 'down') =>
  execFileSync(process.execPath, [join(repoRoot(), 'tools', 'stack', 'cli.mjs'), command], { stdio: 'pipe', encoding: 'utf8' });

describe('`npm run stack -- down` then `up` keeps what the servers stored', () => {
  const suffix = uniqueSuffix();
  const workflowId = `platform/diagnostic-timer/restart-${suffix}`;
  const schema = `e2e_restart_${suffix}`;
  const topic = `e2e.restart.${suffix}`;
  const kafka = new Kafka({ clientId: 'e2e-restart', brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let completedResult: unknown;

  beforeAll(async () => {
    quietTemporalRuntime();
    // A completed workflow on the dev server, run by a worker with the prebuilt calworks bundle.
    const taskQueue = `e2e-restart-${suffix}`;
    const nativeConnection = await NativeConnection.connect({ address: stackEnv().TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: stackEnv().TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: { codePath: join(repoRoot(), 'dist', 'workflow-bundles', 'calworks.js') },
      ...workerTelemetry('e2e'),
    });
    const connection = await Connection.connect({ address: stackEnv().TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: stackEnv().TEMPORAL_NAMESPACE });
    completedResult = await worker.runUntil(
      client.workflow.execute('diagnosticTimerWorkflow', { taskQueue, workflowId, args: [{ duration: '1 second' }] }),
    );
    await connection.close();
    await nativeConnection.close();

    // A committed row in PostgreSQL and a message in Kafka.
    const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
    await db.query(
      `CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".probe (id int primary key, note text); INSERT INTO "${schema}".probe VALUES (1, 'before restart')`,
    );
    await db.end();
    await ensureTopics(kafka, [{ name: topic, partitions: 1, retentionMs: 3_600_000 }]);
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'before restart' }] });
    await producer.disconnect();

    expect(stack('down')).toMatch(/Stack down/);
    expect(stack('up')).toMatch(/healthy\s+Temporal\s/);
  }, 180_000);

  afterAll(async () => {
    const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('Temporal: the completed workflow and its result are still visible', async () => {
    const connection = await Connection.connect({ address: stackEnv().TEMPORAL_ADDRESS });
    try {
      const handle = new Client({ connection, namespace: stackEnv().TEMPORAL_NAMESPACE }).workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      await expect(handle.result()).resolves.toEqual(completedResult);
    } finally {
      await connection.close();
    }
  });

  it('PostgreSQL: the committed row is still there', async () => {
    const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT note FROM "${schema}".probe WHERE id = 1`);
      expect(rows).toEqual([{ note: 'before restart' }]);
    } finally {
      await db.end();
    }
  });

  it('Kafka: the acknowledged message is still there', async () => {
    const consumer = kafka.consumer({ groupId: `e2e-restart-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const value = await new Promise<string>((resolve, reject) => {
      consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) }).catch(reject);
    });
    await consumer.disconnect();
    expect(value).toBe('before restart');
  });
});
