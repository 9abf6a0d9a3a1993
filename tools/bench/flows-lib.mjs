// Helpers of tools/bench/flows.mjs: the service processes it runs from dist/, progress output, a concurrency pool,
// percentiles, a development-IdP token, Kafka consumer lag and Temporal list / count / terminate by query.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assertPortFree, host, logsDir, repoRoot, serviceEnv } from '../stack/lib.mjs';

const require = createRequire(import.meta.url);

let progressShown = false;
let lastProgress = 0;
/** A finished line (ends a progress line rewritten in place on a terminal). */
export const log = (m) => {
  process.stdout.write(`${progressShown && process.stdout.isTTY ? '\r\x1b[K' : ''}${m}\n`);
  progressShown = false;
};
/** Progress: rewritten in place on a terminal, one line every few seconds otherwise. */
export const progress = (m) => {
  if (process.stdout.isTTY) {
    process.stdout.write(`\r\x1b[K${m}`);
    progressShown = true;
  } else if (Date.now() - lastProgress > 3000) {
    lastProgress = Date.now();
    process.stdout.write(`${m}\n`);
  }
};
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const range = (n) => Array.from({ length: n }, (_, i) => i);
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
export const rate = (n, ms) => n / (Math.max(1, ms) / 1000);

/** Runs fn over items with `concurrency` calls in flight; resolves to the results in order. */
export async function pool(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    range(Math.min(concurrency, items.length)).map(async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

const logTail = (path, lines = 25) => readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');

/**
 * Starts service processes exactly as `npm start` does (node dist/apps/<service>/src/{main,worker}.js with the stack's
 * settings), on the service's ports shifted by `offset`, logging to .stack/logs/bench-flows/; waits for /health/ready.
 */
export async function startServices(specs, { offset, env = {} }) {
  const dir = join(logsDir, 'bench-flows');
  mkdirSync(dir, { recursive: true });
  const procs = [];
  for (const { service: name, kind } of specs) {
    const { service } = require(join(repoRoot, 'dist/apps', name, 'src/service.js'));
    const port = service.port + offset;
    const healthPort = service.workerHealthPort + offset;
    const probePort = kind === 'api' ? port : healthPort;
    await assertPortFree(`${name} ${kind} (bench port offset ${offset}: set BENCH_PORT_OFFSET)`, probePort);
    const logPath = join(dir, `${name}-${kind}.log`);
    const fd = openSync(logPath, 'w');
    const entry = join(repoRoot, 'dist/apps', name, 'src', kind === 'api' ? 'main.js' : 'worker.js');
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      env: serviceEnv({ PORT: String(port), WORKER_HEALTH_PORT: String(healthPort), ...env }),
      stdio: ['ignore', fd, fd],
    });
    procs.push({ name: `${name} ${kind}`, child, logPath, url: `http://${host}:${probePort}` });
  }
  // Interrupted: the processes this run started stop with it (the workflows of the run stay: see the run's tag).
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      log(`\n${signal}: stopping the processes this benchmark started`);
      void stopServices(procs).then(() => process.exit(130));
    });
  try {
    await Promise.all(procs.map((p) => waitReady(p)));
  } catch (error) {
    await stopServices(procs);
    throw error;
  }
  return procs;
}

async function waitReady(p, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    assertAlive([p]);
    try {
      const res = await fetch(`${p.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(300);
  }
  throw new Error(`${p.name} not ready after ${timeoutMs / 1000} s: ${last}\n${logTail(p.logPath)}`);
}

/** Throws (with the log's tail) when one of the processes has exited. */
export function assertAlive(procs) {
  for (const p of procs)
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`${p.name} exited (${p.child.exitCode ?? p.child.signalCode}). Last lines of ${p.logPath}:\n${logTail(p.logPath)}`);
}

/** Stops the processes this benchmark started (SIGTERM, SIGKILL after 20 s), by their own handles. */
export async function stopServices(procs) {
  await Promise.all(
    procs.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** An access token for a demo user from the development identity provider. */
export async function token(username) {
  const env = serviceEnv();
  const res = await fetch(`${env.AUTH_ISSUER.replace(/\/+$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, audience: env.AUTH_AUDIENCE ?? 'linkages-api' }),
    signal: AbortSignal.timeout(5000),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.access_token !== 'string') throw new Error(`no token for ${username}: HTTP ${res.status}`);
  return body.access_token;
}

/** Messages on `topic` the group has not committed yet (all of them when it never committed). */
export async function consumerLag(admin, groupId, topic) {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return ends.reduce((n, end) => {
    const at = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
    return n + Math.max(0, Number(end.high) - Math.max(0, at));
  }, 0);
}

/** Workers that polled the task queue in the last 20 s (workflow tasks). */
export async function livePollers(client, taskQueue) {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1,
  });
  return (pollers ?? []).filter((p) => Date.now() - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < 20_000).length;
}

/** Visibility's start time (ms) of every workflow the query matches, by workflow id. */
export async function startTimes(client, query) {
  const out = new Map();
  for await (const wf of client.workflow.list({ query })) out.set(wf.workflowId, wf.startTime.getTime());
  return out;
}

/** Polls visibility until `n` workflows match (or the deadline passes); returns the start times. */
export async function awaitStartTimes(client, query, n, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let times = await startTimes(client, query);
  while (times.size < n && Date.now() < deadline) {
    await sleep(500);
    times = await startTimes(client, query);
  }
  return times;
}

/** Terminates every running workflow the query (if any) matches and the given ids; returns how many it terminated. */
export async function terminateAll(client, query, extraIds, reason) {
  const ids = new Set(extraIds);
  if (query) for await (const wf of client.workflow.list({ query: `${query} AND ExecutionStatus = 'Running'` })) ids.add(wf.workflowId);
  const done = await pool([...ids], 16, (id) =>
    client.workflow
      .getHandle(id)
      .terminate(reason)
      .then(
        () => 1,
        () => 0,
      ),
  );
  return done.reduce((a, b) => a + b, 0);
}

/**
 * Waits of the benchmark between phases. `quiesce`: nothing queued (child welfare's outbox sent, the consumer group
 * caught up, no clock command waiting for its first try; one in retry backoff is not backlog), three checks in a row. `drain`: the processes recorded their temporary absence
 * (their first steps), then quiesce.
 */
export function settling({ procs, admin, group, topic, countOf }) {
  async function quiesce(label, timeoutMs = 300_000) {
    const deadline = Date.now() + timeoutMs;
    for (let calm = 0; calm < 3 && Date.now() < deadline; await sleep(500)) {
      assertAlive(procs);
      const unsent = await countOf('SELECT count(*) AS n FROM child_welfare.outbox WHERE sent_at IS NULL');
      const commands = await countOf('SELECT count(*) AS n FROM calworks.deadline_commands WHERE done_at IS NULL AND attempts = 0');
      const lag = await consumerLag(admin, group, topic);
      calm = unsent + commands + lag === 0 ? calm + 1 : 0;
      progress(`  ${label}: outbox unsent ${unsent}, consumer lag ${lag}, clock commands pending ${commands}`);
    }
    if (Date.now() >= deadline) log(`  WARNING: ${label}: still busy after ${timeoutMs / 1000} s`);
  }
  async function drain(label, removalIds, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    let n = 0;
    while (Date.now() < deadline) {
      assertAlive(procs);
      n = await countOf('SELECT count(*) AS n FROM calworks.fr_temporary_absences WHERE removal_id = ANY($1::uuid[])', [removalIds]);
      if (n >= removalIds.length) break;
      progress(`  ${label}: ${n}/${removalIds.length} processes have recorded their temporary absence`);
      await sleep(500);
    }
    if (n < removalIds.length) log(`  WARNING: ${label}: only ${n}/${removalIds.length} processes recorded their temporary absence`);
    await quiesce(label, timeoutMs);
  }
  return { quiesce, drain };
}

/** `n` aided Assistance Units (a parent and a child) in the user's county, through POST /assistance-units as a CalWORKs worker records them. */
export function createAssistanceUnits(api, accessToken, caseNumberPrefix, n) {
  const member = (role, firstName, dateOfBirth) => ({ role, firstName, lastName: 'Bench', dateOfBirth, needy: true, aided: true });
  return pool(range(n), 8, async (i) => {
    const caseNumber = `${caseNumberPrefix}-${i}`;
    const res = await fetch(`${api}/assistance-units`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': globalThis.crypto.randomUUID(),
      },
      body: JSON.stringify({
        caseNumber,
        aidedStatus: 'aided',
        aidedFrom: '2026-01-01',
        grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
        members: [member('parent', 'Benchparent', '1990-04-02'), member('child', 'Benchchild', '2020-06-01')],
      }),
    });
    if (res.status !== 201) throw new Error(`POST /assistance-units: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    progress(`  assistance units: ${i + 1}/${n}`);
    return { id: (await res.json()).id, caseNumber };
  });
}

/**
 * The consumer's own pace over a phase's events: the time between consecutive messages of a partition (backlogged, so
 * the time one message takes: median, p90, max) and the number of partitions the events used.
 */
export async function consumerPace(q, group, eventIds) {
  const rows = await q(
    `SELECT kafka_partition AS p, extract(epoch FROM processed_at - lag(processed_at) OVER (PARTITION BY kafka_partition ORDER BY kafka_offset)) * 1000 AS gap
     FROM calworks.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
    [group, eventIds],
  );
  const gaps = rows.filter((r) => r.gap !== null).map((r) => Number(r.gap));
  return { partitions: new Set(rows.map((r) => r.p)).size, gap: pct(gaps, 50), p90: pct(gaps, 90), max: Math.max(...gaps) };
}
