import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection, WorkflowNotFoundError, type WorkflowClientInterceptor } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { cwsRules } from '@linkages/child-welfare-domain';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { repoRoot } from '@linkages/platform-config';
import { createLogger } from '@linkages/platform-logging';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { platformDataConverter, workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, quietTemporalRuntime, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { DeadlineClient } from './deadline-client';
import type { DeadlineCommand } from './deadline-command';
import { DeadlineCommandRelay } from './deadline-command.relay';
import { DeadlineCommands } from './deadline-commands.writer';
import { createDeadlineCommandsMigration } from './deadline-tracking.migrations';

// The deadline command outbox against the real PostgreSQL and the Temporal dev server, with the real deadline
// workflow and activities. The service is child-welfare (deadline events must name a real service), but its
// workflows are started on a task queue of this run only: a client interceptor moves them there.
const moveToQueue = (taskQueue: string): WorkflowClientInterceptor => ({
  startWithDetails: (input, next) => next({ ...input, options: { ...input.options, taskQueue } }),
});

interface Row {
  op: string;
  done_at: Date | null;
  attempts: number;
  last_error: string | null;
}

describe('deadline command outbox and relay (real PostgreSQL and Temporal dev server)', () => {
  const env = stackEnv();
  const schema = `it_dlcmd_${uniqueSuffix()}`;
  const taskQueue = `it-dlcmd-${uniqueSuffix()}`;
  const service = { name: 'child-welfare', schema };
  // Real child-welfare rules as fixtures (test code only: the platform itself never imports a domain).
  const registry = new PolicyRegistry(cwsRules);
  const logLines: { level: string; msg: string; reason?: string }[] = [];
  const logger = createLogger({
    service: 'it-dlcmd',
    process: 'test',
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
  });
  const opened: string[] = [];
  let dataSource: DataSource;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let connection: Connection;
  let deadlines: DeadlineClient;
  let commands: DeadlineCommands;
  let relay: DeadlineCommandRelay;

  const newRelay = () => new DeadlineCommandRelay(dataSource, logger, deadlines, service, registry, { pollIntervalMs: 1000 });

  beforeAll(async () => {
    quietTemporalRuntime();
    const options = createDataSourceOptions(
      env.DATABASE_URL,
      { schema, entities: [], migrations: [createMessagingMigration(schema), createDeadlineCommandsMigration(schema)] },
      'it-dlcmd',
    );
    await migrateUp(options);
    dataSource = await new DataSource(options).initialize();
    const dataConverter = platformDataConverter(env.TEMPORAL_ENCRYPTION_KEYS);
    const { code } = await bundleWorkflowsForTest(join(repoRoot(), 'libs', 'platform', 'deadlines', 'workflows', 'src', 'index.ts'));
    native = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    worker = await Worker.create({
      connection: native,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: { code },
      activities: createDeadlineActivities({ dataSource, outbox: new OutboxWriter(schema, service.name) }),
      dataConverter,
      ...workerTelemetry('it-dlcmd'),
    });
    running = worker.run();
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      dataConverter,
      interceptors: { workflow: [moveToQueue(taskQueue)] },
    });
    deadlines = new DeadlineClient({ connection, client }, service, registry);
    commands = new DeadlineCommands(service, registry);
    relay = newRelay();
    await relay.start();
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    // Deadlines still open would otherwise wait on the dev server for a worker that is gone.
    for (const id of opened)
      await deadlines
        ?.handle(id)
        .terminate('test finished')
        .catch(() => undefined);
    worker?.shutdown();
    await running;
    await native?.close();
    await connection?.close();
    await dataSource?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  const open = (ruleId = 'cws.er.ten-day-response', startAt = new Date().toISOString()): Extract<DeadlineCommand, { op: 'open' }> => {
    const deadlineId = randomUUID();
    opened.push(deadlineId);
    return {
      op: 'open',
      deadlineId,
      ruleId,
      startAt,
      owner: { familyId: randomUUID(), countyCode: '06085', subjectRef: `test/${deadlineId}` },
    };
  };
  const enqueue = (list: DeadlineCommand | DeadlineCommand[], commandId?: string) =>
    dataSource.transaction((tx) => commands.enqueue(tx, list, commandId));
  const rows = async (deadlineId: string) =>
    (await dataSource.query(
      `SELECT op, done_at, attempts, last_error FROM "${schema}".deadline_commands WHERE deadline_id = $1 ORDER BY seq`,
      [deadlineId],
    )) as Row[];
  const allDone = (deadlineId: string, what: string) =>
    waitFor(
      async () => {
        const r = await rows(deadlineId);
        return r.length > 0 && r.every((row) => row.done_at !== null) ? r : undefined;
      },
      { timeoutMs: 30_000, what },
    );
  const workflowExists = (deadlineId: string) =>
    deadlines
      .handle(deadlineId)
      .describe()
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return false;
          throw error;
        },
      );

  it('open and satisfy enqueued in one transaction: the deadline exists and is satisfied', async () => {
    const o = open();
    const by = randomUUID();
    await enqueue([o, { op: 'satisfy', deadlineId: o.deadlineId, by }]);
    const done = await allDone(o.deadlineId, 'open and satisfy applied');
    expect(done.map((r) => [r.op, r.last_error])).toEqual([
      ['open', null],
      ['satisfy', null],
    ]);
    const view = await deadlines.view(o.deadlineId);
    expect(view.state.status).toBe('satisfied');
    expect(view.state.satisfied?.by).toBe(by);
    // The satisfy went through the workflow's handler: its event is in the outbox.
    const events = (await dataSource.query(`SELECT event_type FROM "${schema}".outbox WHERE value::jsonb->>'deadlineId' = $1`, [
      o.deadlineId,
    ])) as { event_type: string }[];
    expect(events.map((e) => e.event_type)).toEqual([expect.stringContaining('satisfied')]);
  }, 60_000);

  it("a satisfy carries the fact's own instant through the relay: the clock is met at that instant", async () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const o = open('cws.er.ten-day-response', start);
    const at = new Date(Date.parse(start) + 600_000).toISOString();
    await enqueue([o, { op: 'satisfy', deadlineId: o.deadlineId, by: randomUUID(), at }]);
    await allDone(o.deadlineId, 'open and satisfy with at applied');
    const view = await deadlines.view(o.deadlineId);
    expect(view.state.satisfied).toMatchObject({ at, late: false });
    expect(Date.parse(view.state.satisfied!.recordedAt!)).toBeGreaterThan(Date.parse(at));
    await expect(enqueue({ op: 'satisfy', deadlineId: o.deadlineId, by: randomUUID(), at: 'last tuesday' })).rejects.toThrow(/ISO instant/);
  }, 60_000);

  it('a rolled-back transaction leaves no command and no workflow', async () => {
    const lost = open();
    await expect(
      dataSource.transaction(async (tx) => {
        await commands.enqueue(tx, lost);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    // A later committed command is applied, so the relay has had its chance at the rolled-back one.
    const kept = open();
    await enqueue(kept);
    await allDone(kept.deadlineId, 'the committed open');
    expect(await rows(lost.deadlineId)).toEqual([]);
    expect(await workflowExists(lost.deadlineId)).toBe(false);
    expect(await workflowExists(kept.deadlineId)).toBe(true);
  }, 60_000);

  it('refuses to enqueue outside a transaction or a malformed command', async () => {
    const o = open();
    await expect(commands.enqueue(dataSource.manager, o)).rejects.toThrow(/inside the business transaction/);
    await expect(enqueue({ ...o, ruleId: 'no.such.rule' })).rejects.toThrow(/Unknown policy rule/);
    await expect(enqueue({ op: 'satisfy', deadlineId: o.deadlineId, by: 'Jane Doe' })).rejects.toThrow(/staff id/);
    expect(await rows(o.deadlineId)).toEqual([]);
  });

  it('a repeated open is applied once and both are marked done; a repeated command id is stored once', async () => {
    const first = open('cws.er.ten-day-response', '2026-03-02T09:00:00-08:00');
    const commandId = randomUUID();
    await enqueue(first, commandId);
    await enqueue(first, commandId); // a retried request: the same command
    await enqueue({ ...first, startAt: '2026-03-09T09:00:00-08:00' }); // a second open of the same deadline
    const done = await allDone(first.deadlineId, 'both opens marked done');
    expect(done.map((r) => [r.op, r.last_error])).toEqual([
      ['open', null],
      ['open', null],
    ]);
    // The first open won: the workflow runs from its start.
    expect((await deadlines.view(first.deadlineId)).startAt).toBe(first.startAt);
    expect(logLines.some((l) => l.msg === 'Deadline command had nothing left to do' && l.reason === 'already opened')).toBe(true);
  }, 60_000);

  it('a satisfy committed before its open is applied after the open', async () => {
    const o = open();
    await enqueue({ op: 'satisfy', deadlineId: o.deadlineId, by: randomUUID() });
    // The relay tries it, finds no workflow yet, and schedules a retry.
    await waitFor(async () => (await rows(o.deadlineId))[0]?.attempts, { what: 'a first attempt at the satisfy' });
    expect(await rows(o.deadlineId)).toEqual([
      expect.objectContaining({ op: 'satisfy', done_at: null, last_error: 'deadline not opened yet' }),
    ]);
    await enqueue(o);
    const done = await allDone(o.deadlineId, 'open, then satisfy');
    expect(done.map((r) => [r.op, r.last_error])).toEqual([
      ['satisfy', null],
      ['open', null],
    ]);
    expect(done[0]?.attempts).toBeGreaterThanOrEqual(2);
    expect((await deadlines.view(o.deadlineId)).state.status).toBe('satisfied');
  }, 60_000);

  it('commands committed while the relay is stopped are applied when a relay starts again', async () => {
    await relay.stop();
    const o = open();
    await enqueue([o, { op: 'satisfy', deadlineId: o.deadlineId, by: randomUUID() }]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await rows(o.deadlineId)).map((r) => r.done_at)).toEqual([null, null]);
    expect(await workflowExists(o.deadlineId)).toBe(false);
    relay = newRelay(); // as after a process restart
    await relay.start();
    await allDone(o.deadlineId, 'the pending commands after the restart');
    expect((await deadlines.view(o.deadlineId)).state.status).toBe('satisfied');
  }, 60_000);

  it('extend with a due date moves the due date', async () => {
    const o = open('cws.er.investigation-disposition');
    const dueDate = new Date(Date.now() + 45 * 24 * 3600_000).toISOString().slice(0, 10);
    await enqueue([o, { op: 'extend', deadlineId: o.deadlineId, reasonCode: 'supervisor-approved-extension', by: randomUUID(), dueDate }]);
    const done = await allDone(o.deadlineId, 'open and extend applied');
    expect(done.map((r) => r.last_error)).toEqual([null, null]);
    const view = await deadlines.view(o.deadlineId);
    expect(view.due.dueDate).toBe(dueDate);
    expect(view.state.override).toMatchObject({ dueDate, reasonCode: 'supervisor-approved-extension' });
  }, 60_000);

  it('a refused command is done with its reason and a warning; commands on a cancelled deadline have nothing to do', async () => {
    const o = open('cws.er.investigation-disposition');
    const by = randomUUID();
    await enqueue([
      o,
      { op: 'extend', deadlineId: o.deadlineId, reasonCode: 'supervisor-approved-extension', by, length: 5 },
      { op: 'extend', deadlineId: o.deadlineId, reasonCode: 'supervisor-approved-extension', by, length: 5 }, // the rule allows one
      { op: 'cancel', deadlineId: o.deadlineId, reasonCode: 'referral-closed', by },
      { op: 'satisfy', deadlineId: o.deadlineId, by },
    ]);
    const done = await allDone(o.deadlineId, 'every command done');
    expect(done.map((r) => [r.op, r.last_error])).toEqual([
      ['open', null],
      ['extend', null],
      ['extend', expect.stringMatching(/^rejected: .*at most 1 extension/)],
      ['cancel', null],
      ['satisfy', null],
    ]);
    expect(logLines.some((l) => l.level === 'warn' && l.msg === 'Deadline command rejected by the deadline; recorded as done')).toBe(true);
    const view = await deadlines.view(o.deadlineId);
    expect(view.state.status).toBe('cancelled');
    expect(view.state.extensions).toHaveLength(1);
  }, 60_000);
});
