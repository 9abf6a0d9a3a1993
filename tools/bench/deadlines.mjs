#!/usr/bin/env node
// npm run bench:deadlines [-- --n 2000 --window-seconds 60 --burst 5000 --scale 20000 --scale-window-seconds 300
//                           --phases bare,deadline,burst,scale --scale-cache <n> --profile --no-build --bundle <file>]
//
// What one durable deadline costs on the local Temporal dev server, against bare timer workflows measured in the same
// run. Each phase has its own worker in its own process (tools/bench/deadlines-worker.mjs) on the same server, and the
// phases run one after another, so neither slows the other:
//   bare       N bare timer workflows due across the window plus a burst of 500 due in one second (the baseline);
//   deadline   the same schedule of deadline workflows (a real rule: the CWS immediate response, its reminder moved
//              into the window), each through its lifecycle: open → reminder → due → overdue (the ladder handed to
//              notifications);
//   burst      --burst bare timers due at one instant, then as many deadlines due at one instant (a midnight);
//   scale      --scale deadlines open at once on one worker with the bounded workflow cache the services use
//              (workflowCacheSize), falling due across --scale-window-seconds: evicted workflows replay when their
//              timer fires.
// Per phase: lateness of the stage that falls due (activity start − due instant) p50/p99, the firing rate, worker and
// server CPU-seconds per lifecycle (the server's idle rate, measured first, subtracted), workflow-task execution p99
// and replay figures (Core's Prometheus histograms), history events per lifecycle (a sample), and memory where the
// workflows live: the workflow thread's V8 heap after a full GC (through the inspector) and the process RSS.
// `--profile` writes a CPU profile of the deadline phase's workflow thread to .stack/reports/bench/ and prints its
// heaviest functions. Asserts nothing; the last line is `ratio lateness-p99/bare = <number>`.
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureDir, readPid, repoRoot, serviceEnv, stackDir } from '../stack/lib.mjs';
import { summarizeProfile } from './profile-summary.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const arg = (name, fallback) => (flag(name) ? argv[argv.indexOf(name) + 1] : fallback);
const num = (name, fallback) => Number(arg(name, fallback));
const N = num('--n', 2000);
const WINDOW_S = num('--window-seconds', 60);
const SPREAD_BURST = 500;
const BURST = num('--burst', 5000);
const SCALE = num('--scale', 20_000);
const SCALE_WINDOW_S = num('--scale-window-seconds', 300);
const PHASES = new Set(arg('--phases', 'bare,deadline,burst,scale').split(','));
const PROFILE = flag('--profile');
const REMINDER_BEFORE_S = 20;

const out = (m) => process.stdout.write(`${m}\n`);
let lastProgress = 0;
const progress = (m, force = false) => {
  if (process.stdout.isTTY) process.stdout.write(`\r${m}        `);
  else if (force || Date.now() - lastProgress > 5000) ((lastProgress = Date.now()), process.stdout.write(`${m}\n`));
};
const line = (m) => out(`${process.stdout.isTTY ? '\r' : ''}${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

out(
  `bench:deadlines — phases ${[...PHASES].join(', ')}; N=${N} across ${WINDOW_S} s + ${SPREAD_BURST} in one second; burst ${BURST}; scale ${SCALE} across ${SCALE_WINDOW_S} s`,
);
out('  bringing up the stack and building dist/ (the figures are of this checkout)');
execFileSync(process.execPath, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { stdio: 'ignore' });
if (!flag('--no-build')) execFileSync(process.execPath, [join(repoRoot, 'tools/build.mjs')], { stdio: 'ignore' });
const bundle = arg('--bundle', join(repoRoot, 'dist/workflow-bundles/bench.js'));
Object.assign(process.env, serviceEnv());
const { Client, Connection } = require('@temporalio/client');
const { platformDataConverter } = require(join(repoRoot, 'dist/libs/platform/temporal/src/index.js'));
const { countyCalendarSpec } = require(join(repoRoot, 'dist/libs/platform/deadlines/engine/src/index.js'));
const { cwsEmergencyResponseRules } = require(join(repoRoot, 'dist/libs/child-welfare/domain/src/index.js'));

const address = process.env.TEMPORAL_ADDRESS;
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const encryptionKeys = process.env.TEMPORAL_ENCRYPTION_KEYS;
const connection = await Connection.connect({ address });
const client = new Client({ connection, namespace, dataConverter: platformDataConverter(encryptionKeys) });
const run = Date.now().toString(36);
const reportDir = ensureDir(join(stackDir, 'reports', 'bench'));

// The rule every benchmark deadline runs: the real record (citation, ladder, escalation policy, as the services pass
// it), due at its start instant so that it falls due inside the window, with one reminder ahead of that.
const immediate = cwsEmergencyResponseRules.find((r) => r.id === 'cws.er.immediate-response');
const policy = { ...immediate, length: 0, reminders: [{ before: `PT${REMINDER_BEFORE_S}S`, notify: 'assigned-worker' }] };
const calendar = countyCalendarSpec('06085');

// ── The server's CPU, from /proc (the dev server is one Go process) ──
const serverPid = readPid('temporal');
const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const serverCpuSeconds = () => {
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
};
const serverRssBytes = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))[1]) * 1024;

// ── One phase's worker, in its own process ──
let metricsPort = 19_400;
async function startWorker(taskQueue, cacheSize) {
  const port = metricsPort++;
  const child = fork(join(repoRoot, 'tools/bench/deadlines-worker.mjs'), [
    JSON.stringify({ repoRoot, bundle, address, namespace, taskQueue, encryptionKeys, metricsPort: port, cacheSize }),
  ]);
  const fired = [];
  const waiters = [];
  child.on('message', (m) => {
    if (m.type === 'fired') for (const e of m.events) fired.push(e);
    else waiters.shift()?.(m);
  });
  const ask = (message) =>
    new Promise((ok, fail) => {
      waiters.push((m) => (m.type === 'error' ? fail(new Error(m.message)) : ok(m)));
      if (message) child.send(message);
    });
  const exited = new Promise((r) => child.once('exit', r));
  const ready = await ask();
  return {
    fired,
    cacheSize: ready.cacheSize,
    stats: () => ask({ type: 'stats' }),
    rss: async () => (await ask({ type: 'rss' })).rss,
    profileStart: () => ask({ type: 'profile-start' }),
    profileStop: (path) => ask({ type: 'profile-stop', path }),
    metrics: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
    stop: async () => {
      child.send({ type: 'shutdown' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Sum of a Prometheus histogram (all label sets) → count, sum, and the bucket bound under which p% fall. */
function histogram(text, name) {
  const buckets = new Map();
  let count = 0;
  let sum = 0;
  for (const l of text.split('\n')) {
    let m = new RegExp(`^(?:temporal_)?${name}_bucket\\{.*le="([^"]+)".*\\} (\\S+)`).exec(l);
    if (m) buckets.set(m[1], (buckets.get(m[1]) ?? 0) + Number(m[2]));
    m = new RegExp(`^(?:temporal_)?${name}_count(?:\\{.*\\})? (\\S+)`).exec(l);
    if (m) count += Number(m[1]);
    m = new RegExp(`^(?:temporal_)?${name}_sum(?:\\{.*\\})? (\\S+)`).exec(l);
    if (m) sum += Number(m[1]);
  }
  const bounds = [...buckets.entries()].map(([le, c]) => [le === '+Inf' ? Infinity : Number(le), c]).sort((a, b) => a[0] - b[0]);
  const at = (p) => bounds.find(([, c]) => c >= (p / 100) * count)?.[0] ?? NaN;
  return { count, sum, p50: at(50), p99: at(99) };
}
const counter = (text, name) =>
  text
    .split('\n')
    .filter((l) => new RegExp(`^(?:temporal_)?${name}(?:_total)?(?:\\{.*\\})? `).test(l))
    .reduce((s, l) => s + Number(l.split(' ').pop()), 0);

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function startAll(label, count, start) {
  let started = 0;
  let next = 0;
  const t = Date.now();
  await Promise.all(
    Array.from({ length: 48 }, async () => {
      while (next < count) {
        const i = next++;
        await start(i);
        if (++started % 250 === 0)
          progress(`  ${label}: started ${started}/${count} (${(started / ((Date.now() - t) / 1000)).toFixed(0)}/s)`);
      }
    }),
  );
  return (Date.now() - t) / 1000;
}

/** Waits for `total` lifecycles, sampling the worker's RSS every 2 s (no GC forced: the peak as it happens). */
async function waitUntil(label, done, total, deadlineMs, worker) {
  let peak = 0;
  let sampled = 0;
  while (done() < total && Date.now() < deadlineMs) {
    progress(`  ${label}: ${done()}/${total}`);
    if (Date.now() - sampled > 2000) ((sampled = Date.now()), (peak = Math.max(peak, await worker.rss())));
    await sleep(500);
  }
  return peak;
}

// A run is open once its first workflow task is done; the dev server on this 2-core machine opens about 16 a second
// (the client's starts go faster, ~50/s, and queue). The lead time leaves margin so every run is open before the first
// instant falls due; it is re-estimated from each phase's own opening rate.
let openRate = 15;
const leadFor = (count, kind) =>
  Math.max(20_000, (count / openRate) * 1000 * 1.25 + 15_000 + (kind === 'deadline' ? REMINDER_BEFORE_S * 1000 : 0));

/**
 * One phase: `count` workflows of `kind` due at `dueAtOf(i, t0)`, on a fresh worker. Returns its figures.
 * kind 'bare' fires once; 'deadline' reports warning, due and overdue (the lifecycle ends at overdue).
 */
async function phase(name, { kind, count, dueAtOf, windowMs, cacheSize, profile = false, tagOf = () => 'spread' }) {
  out(`\n▶ ${name}: ${count} ${kind === 'bare' ? 'bare timer workflows' : 'deadlines'}`);
  const taskQueue = `bench-${name}-${run}`;
  const worker = await startWorker(taskQueue, cacheSize);
  const serverIdleFrom = serverCpuSeconds();
  await sleep(3000);
  const idlePerSecond = (serverCpuSeconds() - serverIdleFrom) / 3;
  const before = await worker.stats();
  const serverBefore = serverCpuSeconds();
  const tBefore = Date.now();
  const lead = leadFor(count, kind);
  const t0 = Date.now() + lead;
  // How long after the window the phase waits for the last lifecycle: at the dev server's ~15 lifecycles a second,
  // 20,000 due in 300 s drain for about 25 minutes after the window. The runs' execution timeout outlasts that wait
  // (a run that times out never fires: the first 20,000 run stopped at 11,855 of them when the timeout was 600 s).
  const drainMs = Math.max(300_000, count * 100);
  const timeoutSeconds = Math.ceil((lead + windowMs + drainMs) / 1000) + 600;
  const ids = [];
  const startSeconds = await startAll(name, count, async (i) => {
    const dueAt = new Date(dueAtOf(i, t0)).toISOString();
    const workflowId = `bench/${name}/${run}/${i}`;
    ids.push(workflowId);
    if (kind === 'bare')
      await client.workflow.start('benchTimerWorkflow', {
        taskQueue,
        workflowId,
        workflowExecutionTimeout: `${timeoutSeconds} seconds`,
        args: [{ dueAt, tag: tagOf(i) }],
      });
    else
      await client.workflow.start('deadlineWorkflow', {
        taskQueue,
        workflowId,
        workflowExecutionTimeout: `${timeoutSeconds} seconds`,
        args: [
          {
            deadlineId: globalThis.crypto.randomUUID(),
            owner: { service: 'child-welfare', familyId: globalThis.crypto.randomUUID(), countyCode: '06085', subjectRef: tagOf(i) },
            policy,
            calendar,
            startAt: dueAt,
          },
        ],
      });
  });
  line(
    `  started ${count} in ${startSeconds.toFixed(1)} s (${(count / startSeconds).toFixed(0)}/s); first due in ${((t0 - Date.now()) / 1000).toFixed(0)} s`,
  );
  const openedLate = Date.now() > t0;
  if (openedLate) out('  WARNING: starting took longer than the lead time: lateness includes the start-up');
  // Memory with every workflow open: just before the first instant (the reminders of the deadline phase start firing
  // REMINDER_BEFORE_S earlier, so it is taken before those).
  // Taken once every run's first workflow task is done (Core's task counter), before the first stage fires.
  const firstStage = t0 - (kind === 'deadline' ? REMINDER_BEFORE_S * 1000 : 0);
  let firstTasks = 0;
  while (
    Date.now() < firstStage - 3000 &&
    (firstTasks = histogram(await worker.metrics(), 'workflow_task_execution_latency').count) < count
  )
    await sleep(1000);
  if (firstTasks < count) out(`  WARNING: ${count - firstTasks} runs had not had their first workflow task before the first stage`);
  openRate = Math.max(5, Math.min(200, Math.min(firstTasks, count) / ((Date.now() - tBefore) / 1000)));
  out(`  open: ${Math.min(firstTasks, count)}/${count} runs after ${((Date.now() - tBefore) / 1000).toFixed(0)} s`);
  const open = await worker.stats();
  const openServerRss = serverRssBytes();
  if (profile) await worker.profileStart();
  const endStage = kind === 'bare' ? 'bare' : 'overdue';
  const done = () => worker.fired.reduce((n, e) => n + (e[0] === endStage ? 1 : 0), 0);
  const peakRss = await waitUntil(name, done, count, t0 + windowMs + drainMs, worker);
  const tAfter = Date.now();
  const after = await worker.stats();
  const serverAfter = serverCpuSeconds();
  if (profile) await worker.profileStop(join(reportDir, `deadline-thread-${run}`));
  const metrics = await worker.metrics();
  await worker.stop();
  // History events per lifecycle: a sample of 50.
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 50)) === 0).slice(0, 50);
  const lengths = await Promise.all(sample.map(async (id) => Number((await client.workflow.getHandle(id).describe()).historyLength)));

  const dueStage = kind === 'bare' ? 'bare' : 'due';
  const dueEvents = worker.fired.filter((e) => e[0] === dueStage);
  const lateness = dueEvents.map((e) => e[1] - e[2]);
  const firedTimes = dueEvents.map((e) => e[1]);
  const firstFired = Math.min(...firedTimes);
  const lastFired = Math.max(...firedTimes);
  const cpuWorker = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
  const cpuServer = serverAfter - serverBefore - idlePerSecond * ((tAfter - tBefore) / 1000);
  const wft = histogram(metrics, 'workflow_task_execution_latency');
  const replay = histogram(metrics, 'workflow_task_replay_latency');
  const result = {
    name,
    kind,
    count,
    completed: done(),
    fired: dueEvents.length,
    p50: pct(lateness, 50),
    p99: pct(lateness, 99),
    rate: dueEvents.length / Math.max(0.001, (lastFired - firstFired) / 1000),
    cpuWorkerPer: cpuWorker / count,
    cpuServerPer: cpuServer / count,
    wftP99: wft.p99,
    wftMean: wft.sum / Math.max(1, wft.count),
    wftCount: wft.count,
    replays: replay.count,
    replayP99: replay.p99,
    evictions: counter(metrics, 'sticky_cache_total_forced_eviction'),
    historyEvents: lengths.reduce((s, n) => s + n, 0) / Math.max(1, lengths.length),
    threadHeapOpen: open.threadHeapUsed,
    threadHeapPer: (open.threadHeapUsed - before.threadHeapUsed) / count,
    rssOpen: open.rss,
    rssMax: Math.max(open.rss, after.rss, peakRss),
    threadHeapBefore: before.threadHeapUsed,
    threads: open.threads,
    rssPer: (open.rss - before.rss) / count,
    serverRss: openServerRss,
    cacheSize: worker.cacheSize,
    openedLate,
    fired_: worker.fired,
  };
  line(
    `  ${result.completed}/${count} lifecycles done; due-stage lateness p50 ${secs(result.p50)} p99 ${secs(result.p99)}; ${result.rate.toFixed(1)} fired/s; ` +
      `worker ${(result.cpuWorkerPer * 1000).toFixed(1)} ms CPU, server ${(result.cpuServerPer * 1000).toFixed(1)} ms CPU per lifecycle`,
  );
  out(
    `  workflow task p99 ≤ ${result.wftP99} ms (mean ${result.wftMean.toFixed(1)} ms over ${result.wftCount}); Core replay-latency samples ${result.replays} (p99 ≤ ${result.replayP99} ms), cache evictions ${result.evictions}; ` +
      `history ${result.historyEvents.toFixed(1)} events per lifecycle`,
  );
  out(
    `  open: workflow-thread heap ${mib(result.threadHeapBefore)} → ${mib(result.threadHeapOpen)} (${result.threads} thread(s); ${(result.threadHeapPer / 1024).toFixed(1)} KiB per workflow, cache ${result.cacheSize}), ` +
      `worker RSS ${mib(result.rssOpen)} (max ${mib(result.rssMax)}), server RSS ${mib(result.serverRss)}`,
  );
  if (profile) {
    out('  heaviest functions on the workflow thread (self time):');
    for (const row of summarizeProfile(join(reportDir, `deadline-thread-${run}.0.cpuprofile`), 15)) out(`    ${row}`);
  }
  return result;
}

const spreadDue = (i, t0) => (i < N ? t0 + (i * WINDOW_S * 1000) / N : Math.floor((t0 + (WINDOW_S * 1000) / 2) / 1000) * 1000);
const spreadTag = (i) => (i < N ? 'spread' : 'burst');
const drainOf = (r) => {
  const burst = r.fired_.filter((e) => e[0] === (r.kind === 'bare' ? 'bare' : 'due') && e[3] === 'burst');
  return burst.length ? Math.max(...burst.map((e) => e[1])) - burst[0][2] : NaN;
};

const results = {};
try {
  const spread = { count: N + SPREAD_BURST, dueAtOf: spreadDue, windowMs: WINDOW_S * 1000, tagOf: spreadTag };
  if (PHASES.has('bare')) results.bare = await phase('bare', { ...spread, kind: 'bare' });
  if (PHASES.has('deadline')) results.deadline = await phase('deadline', { ...spread, kind: 'deadline', profile: PROFILE });
  if (PHASES.has('burst')) {
    const atOnce = (_, t0) => Math.floor(t0 / 1000) * 1000;
    results.burstBare = await phase('burst-bare', { kind: 'bare', count: BURST, dueAtOf: atOnce, windowMs: 0, tagOf: () => 'burst' });
    results.burstDeadline = await phase('burst-deadline', {
      kind: 'deadline',
      count: BURST,
      dueAtOf: atOnce,
      windowMs: 0,
      tagOf: () => 'burst',
    });
  }
  if (PHASES.has('scale'))
    results.scale = await phase('scale', {
      kind: 'deadline',
      count: SCALE,
      dueAtOf: (i, t0) => t0 + (i * SCALE_WINDOW_S * 1000) / SCALE,
      windowMs: SCALE_WINDOW_S * 1000,
      cacheSize: flag('--scale-cache') ? num('--scale-cache') : undefined,
      profile: PROFILE && !PHASES.has('deadline'),
    });
} finally {
  await connection.close();
}

// ── Summary ──
const { bare, deadline, burstBare, burstDeadline, scale } = results;
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? (a / Math.max(1, b)).toFixed(3) : 'n/a');
out('\nSummary (ratios to the bare-timer phase of this run)');
const row = (label, r) =>
  r &&
  out(
    `  ${label.padEnd(16)} lateness p50 ${secs(r.p50).padStart(7)} p99 ${secs(r.p99).padStart(7)}  ${r.rate.toFixed(1).padStart(6)}/s  ` +
      `worker ${(r.cpuWorkerPer * 1000).toFixed(1).padStart(6)} ms  server ${(r.cpuServerPer * 1000).toFixed(1).padStart(6)} ms  ` +
      `wft p99 ≤ ${String(r.wftP99).padStart(4)} ms  history ${r.historyEvents.toFixed(0).padStart(3)}  heap/wf ${(r.threadHeapPer / 1024).toFixed(1).padStart(6)} KiB  RSS ${mib(r.rssMax)}`,
  );
row('bare', bare);
row('deadline', deadline);
row(`burst bare ${BURST}`, burstBare);
row(`burst deadline`, burstDeadline);
row(`scale ${SCALE}`, scale);
if (bare) out(`  bare-timer firing rate of this dev server on this machine: ${bare.rate.toFixed(1)}/s (spread) — the ceiling here`);
if (bare && deadline) {
  out(
    `  burst of ${SPREAD_BURST}: bare drained in ${secs(drainOf(bare))}, deadlines in ${secs(drainOf(deadline))} (ratio ${ratio(drainOf(deadline), drainOf(bare))})`,
  );
  out(`ratio worker-cpu/bare = ${ratio(deadline.cpuWorkerPer * 1e6, bare.cpuWorkerPer * 1e6)}`);
  out(`ratio server-cpu/bare = ${ratio(deadline.cpuServerPer * 1e6, bare.cpuServerPer * 1e6)}`);
}
if (burstBare && burstDeadline) {
  out(`  burst of ${BURST}: bare drained in ${secs(drainOf(burstBare))}, deadlines in ${secs(drainOf(burstDeadline))}`);
  out(`ratio burst-${BURST}-drain/bare = ${ratio(drainOf(burstDeadline), drainOf(burstBare))}`);
}
if (scale) {
  out(
    `  scale: ${scale.completed}/${SCALE} lifecycles with a cache of ${scale.cacheSize}; RSS max ${mib(scale.rssMax)}; ${scale.replays} replays (p99 ≤ ${scale.replayP99} ms); ` +
      `lateness p50 ${secs(scale.p50)} p99 ${secs(scale.p99)}`,
  );
}
if (bare && deadline) {
  out(`ratio lateness-p50/bare = ${ratio(deadline.p50, bare.p50)}`);
  out(`ratio lateness-p99/bare = ${ratio(deadline.p99, bare.p99)}`);
} else if (burstBare && burstDeadline) out(`ratio lateness-p99/bare = ${ratio(burstDeadline.p99, burstBare.p99)}`);
mkdirSync(reportDir, { recursive: true });
