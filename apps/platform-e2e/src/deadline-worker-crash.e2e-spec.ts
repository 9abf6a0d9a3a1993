import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import { repoRoot } from '@linkages/platform-config';
import { countyCalendarSpec, type DeadlinePolicy } from '@linkages/platform-deadlines';
import { platformTemporalClient, stackEnv, waitFor, waitForHttp } from '@linkages/platform-testing';
import { deadlineViewQuery, deadlineWorkflow } from '@linkages/platform-deadline-workflows';

// A real calworks worker process (dist/), killed with SIGKILL while a deadline is pending and again in the middle
// of its escalation ladder. The Temporal dev server keeps the timers; a new worker picks them up; every stage is
// published exactly once (the event id is chosen by the workflow and the outbox keeps the first write).
const healthPort = 13202;
const policy: DeadlinePolicy = {
  id: 'test.worker-crash',
  title: 'Worker crash test deadline',
  citation: 'test',
  status: 'confirmed',
  basis: 'hours',
  length: 0,
  calendar: 'county',
  reminders: [],
  escalation: [
    { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT4S' },
    { level: 2, role: 'supervisor', acknowledgeWithin: 'PT4S' },
    { level: 3, role: 'manager', acknowledgeWithin: 'PT4S' },
  ],
  pause: { allowed: false, reasonCodes: [] },
  extension: { allowed: false, reasonCodes: [] },
};

function startWorker(): ChildProcess {
  return spawn(process.execPath, [join(repoRoot(), 'dist/apps/calworks/src/worker.js')], {
    env: { ...process.env, ...stackEnv(), WORKER_HEALTH_PORT: String(healthPort), PORT: '13002', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
}

async function kill(worker: ChildProcess) {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const gone = new Promise((r) => worker.once('exit', r));
  worker.kill('SIGKILL');
  await gone;
}

describe('a deadline survives its worker being killed and escalates exactly once (dev server)', () => {
  const db = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
  let connection: Connection;
  let client: Client;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    await db.connect();
    ({ connection, client } = await platformTemporalClient());
  });
  afterAll(async () => {
    if (worker) await kill(worker);
    await connection?.close();
    await db.end();
  });

  const events = async (deadlineId: string) =>
    (
      (await db.query(`SELECT event_type, value FROM calworks.outbox WHERE value::jsonb->>'deadlineId' = $1 ORDER BY seq`, [deadlineId]))
        .rows as { event_type: string; value: string }[]
    ).map((r) => {
      const kind = r.event_type.replace('gov.ca.linkages.deadlines.deadline-', '').replace('.v1', '');
      return kind === 'overdue' ? `overdue:${(JSON.parse(r.value) as { escalationLevel: number }).escalationLevel}` : kind;
    });

  it('kill while pending, kill mid-ladder: due and each level published once', async () => {
    worker = startWorker();
    await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, { timeoutMs: 60_000 });
    const deadlineId = randomUUID();
    const startAt = new Date(Date.now() + 8000).toISOString();
    const handle = await client.workflow.start(deadlineWorkflow, {
      taskQueue: 'calworks',
      workflowId: `calworks/deadline/${deadlineId}`,
      args: [
        {
          deadlineId,
          owner: { service: 'calworks', familyId: randomUUID(), countyCode: '06085', subjectRef: `test/${deadlineId}` },
          policy,
          calendar: countyCalendarSpec('06085'),
          startAt,
        },
      ],
    });
    await waitFor(async () => (await handle.query(deadlineViewQuery)).state.timeline.length > 0, { what: 'the deadline to start' });

    await kill(worker); // pending: the due timer lives on the server
    await new Promise((r) => setTimeout(r, 9000));
    expect(await events(deadlineId)).toEqual([]);

    worker = startWorker();
    await waitFor(async () => (await events(deadlineId)).includes('overdue:0'), {
      timeoutMs: 60_000,
      what: 'due and the overdue hand-over after the restart',
    });
    await kill(worker); // after the hand-over: the clock raises no level itself (issue 14: notifications runs the ladder)
    await new Promise((r) => setTimeout(r, 5000));
    worker = startWorker();
    await new Promise((r) => setTimeout(r, 9000)); // anything duplicated or raised by the clock would have arrived by now

    expect(await events(deadlineId)).toEqual(['due', 'overdue:0']);
    await handle.terminate('test finished');
  }, 180_000);

  it('the raw history on the server holds no plaintext personal data: payloads and failure messages are encrypted', async () => {
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) {
      worker = startWorker();
      await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, { timeoutMs: 60_000 });
    }
    const canaries = ['Canary Janet Q. Testperson', '123-45-6789', '1987-03-14'];
    const deadlineId = randomUUID();
    // A subject reference that (wrongly) carries a name, an SSN and a birth date: the codec must hide them anyway.
    const handle = await client.workflow.start(deadlineWorkflow, {
      taskQueue: 'calworks',
      workflowId: `calworks/deadline/${deadlineId}`,
      args: [
        {
          deadlineId,
          owner: { service: 'calworks', familyId: randomUUID(), countyCode: '06085', subjectRef: canaries.join(' / ') },
          policy,
          calendar: countyCalendarSpec('06085'),
          startAt: new Date(Date.now() + 60_000).toISOString(),
        },
      ],
    });
    await waitFor(async () => (await handle.query(deadlineViewQuery)).owner.subjectRef === canaries.join(' / '), {
      what: 'the decoded view',
    });
    await expect(handle.executeUpdate('satisfy', { args: [{ by: canaries[0] }] })).rejects.toThrow();
    await handle.terminate('test finished');
    const bad = await client.workflow.start('deadlineWorkflow', {
      taskQueue: 'calworks',
      workflowId: `calworks/deadline/bad-${deadlineId}`,
      args: [{ deadlineId: canaries[1] }],
    });
    await expect(bad.result()).rejects.toThrow();

    // The same histories, read by a client with no codec: raw bytes as the server stores and shows them.
    const raw = new Client({ connection, namespace: stackEnv().TEMPORAL_NAMESPACE });
    for (const id of [handle.workflowId, bad.workflowId]) {
      const history = await raw.workflow.getHandle(id).fetchHistory();
      const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
      for (const canary of canaries) expect({ id, leaked: bytes.includes(canary) }).toEqual({ id, leaked: false });
      expect(bytes).toContain('binary/encrypted');
    }
    const failure = (await raw.workflow.getHandle(bad.workflowId).fetchHistory()).events?.find(
      (e) => e.workflowExecutionFailedEventAttributes,
    )?.workflowExecutionFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure');
  }, 120_000);
});
