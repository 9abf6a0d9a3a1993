#!/usr/bin/env node
// npm run bench:deadlines [-- --n 10000 --window-seconds 60]
// On the local Temporal dev server, in one run: opens N durable deadlines due across a window plus a burst of 500
// due in the same second, and measures (1) lateness of the due stage (activity start − due instant) p50/p99,
// (2) the same for N + 500 bare timer workflows (the baseline), (3) worker heap per open deadline, (4) how long
// the 500-deadline burst takes to drain. Last line: `ratio lateness-p99/bare = <number>`. Asserts nothing.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ensureBuilt, repoRoot, serviceEnv } from '../stack/lib.mjs';

const require = createRequire(import.meta.url);
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const N = arg('--n', 10_000);
const WINDOW_S = arg('--window-seconds', 60);
const BURST = 500;
const log = (m) => process.stdout.write(`${m}\n`);
let lastProgress = 0;
const progress = (m) => {
  if (process.stdout.isTTY) process.stdout.write(`\r${m}        `);
  else if (Date.now() - lastProgress > 3000) ((lastProgress = Date.now()), process.stdout.write(`${m}\n`));
};
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

log(`bench:deadlines — N=${N} across ${WINDOW_S} s + a burst of ${BURST}; bringing up the stack and the build`);
execFileSync(process.execPath, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { stdio: 'ignore' });
Object.assign(process.env, serviceEnv());
await ensureBuilt();
const { Client, Connection } = require('@temporalio/client');
const { NativeConnection, Worker, Runtime, DefaultLogger } = require('@temporalio/worker');
const { countyCalendarSpec } = require(join(repoRoot, 'dist/libs/platform/deadlines/engine/src/index.js'));
const { workerTelemetry } = require(join(repoRoot, 'dist/libs/platform/temporal/src/index.js'));
Runtime.install({ logger: new DefaultLogger('ERROR') });

const address = process.env.TEMPORAL_ADDRESS;
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const taskQueue = `bench-deadlines-${Date.now().toString(36)}`;
const lateness = { deadline: [], bare: [] };
const dueRecords = new Map(); // dueAt → count, for the burst
let burstDone = 0;
let burstLast = 0;
const activities = {
  async emitDeadlineEvent(input) {
    if (input.kind !== 'due') return;
    const now = Date.now();
    lateness.deadline.push(now - Date.parse(input.dueAt));
    if (input.subjectRef === 'bench/burst') {
      burstDone++;
      burstLast = now;
    }
  },
  async timerFired(input) {
    lateness.bare.push(Date.now() - Date.parse(input.dueAt));
  },
};

const nativeConnection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection: nativeConnection,
  namespace,
  taskQueue,
  workflowBundle: { codePath: join(repoRoot, 'dist/workflow-bundles/bench.js') },
  activities,
  maxCachedWorkflows: N + BURST + 1000,
  maxConcurrentActivityTaskExecutions: 200,
  // As in the services: the workflow bundle carries tracing interceptors that export through this sink.
  ...workerTelemetry('bench'),
});
const running = worker.run();
const connection = await Connection.connect({ address });
const client = new Client({ connection, namespace });

const policy = {
  id: 'bench.deadline',
  title: 'Benchmark deadline',
  citation: 'bench',
  status: 'confirmed',
  basis: 'hours',
  length: 0,
  calendar: 'county',
  reminders: [],
  escalation: [],
  pause: { allowed: false, reasonCodes: [] },
  extension: { allowed: false, reasonCodes: [] },
};
const calendar = countyCalendarSpec('06085');

/** Due instants: N spread evenly over the window, plus BURST at one second in its middle. */
function schedule(t0) {
  const spread = Array.from({ length: N }, (_, i) => ({ dueAt: new Date(t0 + (i * WINDOW_S * 1000) / N).toISOString(), burst: false }));
  const burstAt = new Date(Math.floor((t0 + (WINDOW_S * 1000) / 2) / 1000) * 1000).toISOString();
  return { items: [...spread, ...Array.from({ length: BURST }, () => ({ dueAt: burstAt, burst: true }))], burstAt };
}

async function startAll(label, items, start) {
  let started = 0;
  const t = Date.now();
  const queue = [...items.entries()];
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await start(next[0], next[1]);
        if (++started % 200 === 0) progress(`  ${label}: started ${started}/${items.length}`);
      }
    }),
  );
  return (Date.now() - t) / 1000;
}

async function waitFor(label, done, total, deadlineMs) {
  while (done() < total && Date.now() < deadlineMs) {
    progress(`  ${label}: ${done()}/${total} fired`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

try {
  const total = N + BURST;
  // Every workflow must be started, and its first task done, before the first due instant: the dev server on
  // 2 cores starts about 50 workflows a second, so lead time is sized for 35/s with margin.
  const leadMs = Math.max(30_000, (total / 35) * 1000 * 1.2 + 20_000);
  const timeoutSeconds = Math.ceil((leadMs + WINDOW_S * 1000) / 1000) + 180;

  // Deadlines.
  const heapBefore = heapMb();
  let t0 = Date.now() + leadMs;
  let { items, burstAt } = schedule(t0);
  const startSeconds = await startAll('deadlines', items, (i, item) =>
    client.workflow.start('deadlineWorkflow', {
      taskQueue,
      workflowId: `bench/deadline/${taskQueue}-${i}`,
      workflowExecutionTimeout: `${timeoutSeconds} seconds`,
      args: [
        {
          deadlineId: globalThis.crypto.randomUUID(),
          owner: {
            service: 'calworks',
            familyId: globalThis.crypto.randomUUID(),
            countyCode: '06085',
            subjectRef: item.burst ? 'bench/burst' : 'bench/spread',
          },
          policy,
          calendar,
          startAt: item.dueAt,
        },
      ],
    }),
  );
  log(
    `${process.stdout.isTTY ? '\r' : ''}  deadlines: ${total} started in ${startSeconds.toFixed(1)} s (${(total / startSeconds).toFixed(0)}/s); first due in ${((t0 - Date.now()) / 1000).toFixed(0)} s`,
  );
  if (Date.now() > t0) log('  WARNING: starting took longer than the lead time; lateness includes start-up. Use a smaller --n.');
  await new Promise((r) => setTimeout(r, Math.max(2000, Math.min(10_000, t0 - Date.now() - 2000))));
  const heapOpen = heapMb();
  const perDeadlineKb = ((heapOpen - heapBefore) * 1024) / total;
  await waitFor('deadlines', () => lateness.deadline.length, total, t0 + WINDOW_S * 1000 + 120_000);
  const burstDrainMs = burstLast - Date.parse(burstAt);
  log(
    `${process.stdout.isTTY ? '\r' : ''}  deadlines: ${lateness.deadline.length}/${total} due stages fired; burst of ${BURST} at ${burstAt}: ${burstDone} drained in ${burstDrainMs} ms`,
  );

  // Bare timers, same schedule shape.
  t0 = Date.now() + leadMs;
  ({ items } = schedule(t0));
  const bareStart = await startAll('bare timers', items, (i, item) =>
    client.workflow.start('benchTimerWorkflow', {
      taskQueue,
      workflowId: `bench/timer/${taskQueue}-${i}`,
      workflowExecutionTimeout: `${timeoutSeconds} seconds`,
      args: [{ dueAt: item.dueAt }],
    }),
  );
  log(`${process.stdout.isTTY ? '\r' : ''}  bare timers: ${total} started in ${bareStart.toFixed(1)} s`);
  await waitFor('bare timers', () => lateness.bare.length, total, t0 + WINDOW_S * 1000 + 120_000);
  log(`${process.stdout.isTTY ? '\r' : ''}  bare timers: ${lateness.bare.length}/${total} fired`);

  const d50 = pct(lateness.deadline, 50);
  const d99 = pct(lateness.deadline, 99);
  const b50 = pct(lateness.bare, 50);
  const b99 = pct(lateness.bare, 99);
  log('');
  log(`deadline due-stage lateness   p50 ${d50} ms   p99 ${d99} ms   (${lateness.deadline.length} samples)`);
  log(`bare timer lateness           p50 ${b50} ms   p99 ${b99} ms   (${lateness.bare.length} samples)`);
  log(
    `worker heap per open deadline ${perDeadlineKb.toFixed(1)} KiB (${(heapOpen - heapBefore).toFixed(0)} MiB for ${total}, workflows cached)`,
  );
  log(`burst drain                   ${burstDrainMs} ms for ${BURST} deadlines due in the same second`);
  log(`ratio lateness-p50/bare = ${(d50 / Math.max(1, b50)).toFixed(3)}`);
  log(`ratio lateness-p99/bare = ${(d99 / Math.max(1, b99)).toFixed(3)}`);
} finally {
  worker.shutdown();
  await running.catch(() => undefined);
  await connection.close();
  await nativeConnection.close();
}
