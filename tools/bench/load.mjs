#!/usr/bin/env node
// npm run bench:load [-- --rates 10,20,40,80 --step-seconds 20 --warmup-seconds 3 --max-seconds 360 --max-inflight 100
//                       --p99-ms 500 --seed 12 --retries 1 --workers]
// Load held: the four service APIs, started from dist/ on offset ports (BENCH_PORT_OFFSET, default 900) against the
// running local stack, driven over loopback through their public HTTP APIs with a realistic mix (about a quarter
// writes: CWS families and hotline referrals, CalWORKs Assistance Units, Linkages referrals, each with its own
// Idempotency-Key; the rest reads of what was written and of the notifications inbox, queue and organisation), with
// development-IdP tokens of the roles that do that work. Open loop: each step sends at a fixed rate whatever the
// answers (arrivals spaced evenly; an arrival beyond --max-inflight requests in flight is dropped and counted), a
// warm-up of the step's rate first (not counted), latency measured from each request's scheduled instant. Steps go up
// until one has p99 ≥ --p99-ms, an error (non-2xx, network error, timeout) or a dropped arrival, falls short of its
// rate, or the next would not fit in --max-seconds (the whole run, start-up included); a step that failed without
// errors is run once more first (--retries), since other processes on a shared machine stall it now and then. It reports the highest step
// held (p99 under the bound, no error, nothing dropped; if none, the lowest step, honestly) and, per route, p50 / p99 and
// errors by status of that step and of the step that failed. Last line: `load: <rps> rps at p99 <ms> ms, errors = <n>`.
// A benchmark: asserts nothing. The rows it writes stay (case numbers and names carry the run tag).
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { repoRoot, serviceEnv } from '../stack/lib.mjs';
import * as b from './flows-lib.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => (flag(name) ? argv[argv.indexOf(name) + 1] : fallback);
const num = (name, fallback) => {
  const v = Number(value(name, fallback));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const RATES = String(value('--rates', '10,20,40,60,80,120,160,240,320'))
  .split(',')
  .map(Number)
  .filter((r) => r > 0)
  .sort((x, y) => x - y);
const STEP_S = num('--step-seconds', 20);
const WARMUP_S = num('--warmup-seconds', 3);
const MAX_S = num('--max-seconds', 360);
const MAX_INFLIGHT = num('--max-inflight', 100);
const P99_MS = num('--p99-ms', 500);
const SEED = num('--seed', 12);
const MAX_RPS = num('--max-rps', Math.max(...RATES));
const TIMEOUT_MS = num('--timeout-ms', 10_000);
const WITH_WORKERS = flag('--workers');
const RETRIES = Number(value('--retries', 1));
const OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 900);
// The services limit each user to RATE_LIMIT_PER_MINUTE requests per minute (600 by default,
// libs/platform/config, perUserRateLimit in libs/platform/auth). The development IdP issues tokens to its fixed demo
// users only, so the load cannot be spread over enough users: this benchmark raises the limit for the processes it
// starts (and only those), and says so in its output.
const RATE_LIMIT = '1000000';
const { log, progress, pool, range, pct, sleep } = b;
const t0 = Date.now();
const elapsedS = () => (Date.now() - t0) / 1000;

if (!RATES.length) throw new Error('--rates: no positive rate');
for (const s of ['referrals', 'calworks', 'child-welfare', 'notifications'])
  if (!existsSync(join(repoRoot, 'dist/apps', s, 'src/main.js'))) {
    log(`bench:load: dist/apps/${s}/src/main.js is missing: build first (npm run build)`);
    process.exit(2);
  }
Object.assign(process.env, serviceEnv());

log(
  `bench:load — rates ${RATES.join(', ')} rps (up to ${MAX_RPS}), ${WARMUP_S} s warm-up + ${STEP_S} s per step, at most ${MAX_INFLIGHT} in flight, ` +
    `bound p99 < ${P99_MS} ms with no error, run bounded to ${MAX_S} s; loopback only`,
);
log(
  `  NOTE: the per-user rate limit (RATE_LIMIT_PER_MINUTE, 600 by default) is raised to ${RATE_LIMIT} for the processes this benchmark starts: ` +
    'the development IdP has a handful of demo users, and the load of a county comes from many',
);
log(
  `  load average before start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (other processes on this machine share its ${cpus().length} cores)`,
);

const dist = (p) => require(join(repoRoot, 'dist/libs', p, 'src/index.js'));
const { migrateUp } = dist('platform/persistence');
for (const s of ['referrals', 'calworks', 'child-welfare', 'notifications'])
  await migrateUp(require(join(repoRoot, 'dist/apps', s, 'src/data-source.js')).dataSourceOptions());

const pg = new (require('pg').Client)({ connectionString: process.env.DATABASE_URL, application_name: 'linkages-bench-load' });
await pg.connect();
const tag = randomBytes(3).toString('hex');
const COUNTY_NOW = new Date();
const isoAgo = (ms) => new Date(COUNTY_NOW.getTime() - ms).toISOString();
const letters = (n) =>
  Array.from(randomBytes(n))
    .map((x) => String.fromCharCode(97 + (x % 26)))
    .join('');
const name = () => `${letters(1).toUpperCase()}${letters(7)}`;
const dob = (from, span) => {
  const d = new Date(Date.UTC(from, 0, 1) + Math.floor(Math.random() * span * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};
let serial = 0;
const caseNo = (prefix) => `${prefix}-${tag}-${(serial++).toString(36)}`;

// ---- what the mix writes and reads --------------------------------------------------------------------------------
/** Ids written by this run (seeded, then by the writes of the mix), read back by the reads of the mix. */
const data = { cwsFamilies: [], cwsReferrals: [], aus: [], linkagesReferrals: [] };
const POOL_MAX = 5000;
const remember = (list, item) => {
  if (list.length < POOL_MAX) list.push(item);
  else list[Math.floor(Math.random() * POOL_MAX)] = item;
};
const any = (list) => list[Math.floor(Math.random() * list.length)];

const familyBody = () => ({
  calworksCaseNumber: caseNo('LDC'),
  members: [
    { role: 'parent', firstName: name(), lastName: `Load${tag}`, dateOfBirth: dob(1975, 25) },
    { role: 'child', firstName: name(), lastName: `Load${tag}`, dateOfBirth: dob(2012, 12) },
  ],
});
const hotlineBody = (family) => ({
  familyId: family.id,
  receivedAt: isoAgo(3_600_000),
  allegations: [{ type: any(['general-neglect', 'caretaker-absence', 'emotional-abuse']), childId: family.childId }],
  reporter: { name: `Reporter ${name()}`, relationship: 'teacher' },
});
const auMember = (role, from, span) => ({
  role,
  firstName: name(),
  lastName: `Load${tag}`,
  dateOfBirth: dob(from, span),
  needy: true,
  aided: true,
});
const auBody = () => ({
  caseNumber: caseNo('LDA'),
  aidedStatus: 'aided',
  aidedFrom: '2026-01-01',
  grant: { effectiveOn: '2026-01-01', cashAidStatus: 'paid', amountCents: 92_500, reason: 'approval' },
  members: [auMember('parent', 1975, 25), auMember('child', 2012, 12)],
});
const linkagesBody = () => ({
  caseType: 'FM',
  cwsCaseNumber: caseNo('LDW'),
  calworksCaseNumber: caseNo('LDL'),
  allegations: ['general neglect'],
  servicesRecommended: ['parenting class'],
  members: [
    { role: 'parent', firstName: name(), lastName: `Load${tag}`, dateOfBirth: dob(1975, 25) },
    { role: 'child', firstName: name(), lastName: `Load${tag}`, dateOfBirth: dob(2012, 12) },
  ],
});

/**
 * The mix: weight (per cent of requests), service, role (demo user), and the request; `write` ones carry an
 * Idempotency-Key (every create of these APIs requires one) and remember what they created.
 */
const ops = [
  // writes: 24%
  {
    name: 'cw POST /families',
    weight: 4,
    service: 'child-welfare',
    user: 'cws-worker',
    write: true,
    req: () => ({ method: 'POST', path: '/families', body: familyBody() }),
    created: (r) => remember(data.cwsFamilies, { id: r.id, childId: r.members.find((m) => m.role === 'child').personId }),
  },
  {
    name: 'cw POST /referrals (hotline)',
    weight: 8,
    service: 'child-welfare',
    user: 'cws-worker',
    write: true,
    req: () => ({ method: 'POST', path: '/referrals', body: hotlineBody(any(data.cwsFamilies)) }),
    created: (r) => remember(data.cwsReferrals, r.id),
  },
  {
    name: 'calworks POST /assistance-units',
    weight: 7,
    service: 'calworks',
    user: 'calworks-worker',
    write: true,
    req: () => ({ method: 'POST', path: '/assistance-units', body: auBody() }),
    created: (r) => remember(data.aus, { id: r.id, caseNumber: r.caseNumber }),
  },
  {
    name: 'referrals POST /referrals (Linkages)',
    weight: 5,
    service: 'referrals',
    user: 'cws-worker',
    write: true,
    req: () => ({ method: 'POST', path: '/referrals', body: linkagesBody() }),
    created: (r) => remember(data.linkagesReferrals, { id: r.id, familyId: r.familyId }),
  },
  // reads: 76%
  {
    name: 'cw GET /referrals/:id',
    weight: 14,
    service: 'child-welfare',
    user: 'cws-worker',
    req: () => get(`/referrals/${any(data.cwsReferrals)}`),
  },
  {
    name: 'cw GET /families/:id',
    weight: 6,
    service: 'child-welfare',
    user: 'cws-worker',
    req: () => get(`/families/${any(data.cwsFamilies).id}`),
  },
  {
    name: 'calworks GET /assistance-units/:id',
    weight: 13,
    service: 'calworks',
    user: 'calworks-worker',
    req: () => get(`/assistance-units/${any(data.aus).id}`),
  },
  {
    name: 'calworks POST /assistance-units/by-case-number',
    weight: 5,
    service: 'calworks',
    user: 'calworks-worker',
    req: () => ({ method: 'POST', path: '/assistance-units/by-case-number', body: { caseNumber: any(data.aus).caseNumber } }),
  },
  {
    name: 'referrals GET /referrals/:id (CWS)',
    weight: 5,
    service: 'referrals',
    user: 'cws-worker',
    req: () => get(`/referrals/${any(data.linkagesReferrals).id}`),
  },
  {
    name: 'referrals GET /referrals/:id (CalWORKs)',
    weight: 4,
    service: 'referrals',
    user: 'calworks-worker',
    req: () => get(`/referrals/${any(data.linkagesReferrals).id}`),
  },
  {
    name: 'referrals GET /shared-families/:id',
    weight: 5,
    service: 'referrals',
    user: 'liaison',
    req: () => get(`/shared-families/${any(data.linkagesReferrals).familyId}`),
  },
  {
    name: 'referrals GET /shared-families/:id/timeline',
    weight: 4,
    service: 'referrals',
    user: 'liaison',
    req: () => get(`/shared-families/${any(data.linkagesReferrals).familyId}/timeline`),
  },
  { name: 'notifications GET /inbox', weight: 12, service: 'notifications', user: 'inbox', req: () => get('/inbox?limit=20') },
  {
    name: 'notifications GET /deadline-queue',
    weight: 5,
    service: 'notifications',
    user: 'cws-supervisor',
    req: () => get('/deadline-queue?limit=20'),
  },
  {
    name: 'notifications GET /organisation/people',
    weight: 3,
    service: 'notifications',
    user: 'calworks-supervisor',
    req: () => get('/organisation/people'),
  },
];
function get(path) {
  return { method: 'GET', path };
}
const INBOX_USERS = ['cws-worker', 'calworks-worker', 'liaison', 'cws-supervisor'];
const USERS = ['cws-worker', 'cws-supervisor', 'calworks-worker', 'calworks-supervisor', 'liaison'];

// ---- tokens, requests ------------------------------------------------------------------------------------------------
const tokens = new Map();
let tokensAt = 0;
async function refreshTokens() {
  for (const u of USERS) tokens.set(u, await b.token(u));
  tokensAt = Date.now();
}
const userOf = (op) => (op.user === 'inbox' ? any(INBOX_USERS) : op.user);

let urls = {};
/** One request of an op: its status (0 = network error, -1 = timeout), latency from `scheduledAt`, and the parsed body. */
async function send(op, scheduledAt = performance.now()) {
  const { method, path, body } = op.req();
  const headers = { authorization: `Bearer ${tokens.get(userOf(op))}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (op.write) headers['idempotency-key'] = randomUUID();
  let status;
  let text = '';
  try {
    const res = await fetch(`${urls[op.service]}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    text = await res.text();
  } catch (error) {
    status = error.name === 'TimeoutError' ? -1 : 0;
    text = error.cause?.code ?? error.message;
  }
  const ms = performance.now() - scheduledAt;
  const ok = status >= 200 && status < 300;
  let parsed;
  if (ok && op.created) {
    try {
      parsed = JSON.parse(text);
      op.created(parsed);
    } catch {
      /* counted by status; a body that is not the resource leaves nothing to read back */
    }
  }
  return { status, ms, ok, text: ok ? '' : text.slice(0, 240), parsed };
}
const statusLabel = (s) => (s === 0 ? 'network' : s === -1 ? 'timeout' : String(s));

// ---- CPU of the processes this benchmark started ----------------------------------------------------------------------
const TICKS = 100; // USER_HZ on Linux
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

// ---- PostgreSQL connections of the processes this benchmark started ---------------------------------------------------
// Each API has a pool of 10 connections (libs/platform/persistence); an audited request takes its schema's audit-chain
// advisory lock until its transaction ends (libs/platform/audit). Sampled once a second during a step's window: the
// connections of each API busy in PostgreSQL (active or idle in transaction) and those waiting on an advisory lock,
// found by their client ports (ss) so other processes' connections are not counted.
const { auditLockKey } = dist('platform/audit');
const AUDIT_KEYS = Object.fromEntries(
  ['referrals', 'calworks', 'child-welfare', 'notifications'].map((service) => {
    const key = BigInt.asUintN(64, BigInt(auditLockKey(service.replace('-', '_'))));
    return [service, { hi: key >> 32n, lo: key & 0xffffffffn }];
  }),
);
async function dbSample(procs) {
  let out;
  try {
    out = execFileSync('ss', ['-tnpH', 'state', 'established', '( dport = :5432 )'], { encoding: 'utf8', timeout: 2000 });
  } catch {
    return undefined;
  }
  const byPid = new Map(procs.map((p) => [p.child.pid, p.name.replace(/ api$/, '')]));
  const portOf = new Map();
  for (const line of out.split('\n')) {
    const m = /:(\d+)\s+\S+:5432\s+.*pid=(\d+)/.exec(line);
    if (m && byPid.has(Number(m[2]))) portOf.set(Number(m[1]), byPid.get(Number(m[2])));
  }
  if (!portOf.size) return undefined;
  const rows = await pg.query(
    'SELECT client_port, state, wait_event_type, wait_event FROM pg_stat_activity WHERE client_addr IS NOT NULL AND client_port = ANY($1::int[])',
    [[...portOf.keys()]],
  );
  const sample = {};
  for (const r of rows.rows) {
    const name = portOf.get(r.client_port);
    const s = (sample[name] ??= { open: 0, busy: 0, advisory: 0, audit: 0 });
    s.open++;
    if (r.state === 'active' || r.state?.startsWith('idle in transaction')) s.busy++;
    if (r.wait_event_type === 'Lock' && r.wait_event === 'advisory') s.advisory++;
  }
  // Which advisory lock they wait for: a one-bigint key shows as classid (high 32 bits), objid (low 32), objsubid 1.
  const locks = await pg.query(
    `SELECT a.client_port, l.classid::text AS hi, l.objid::text AS lo, l.objsubid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND NOT l.granted AND a.client_port = ANY($1::int[])`,
    [[...portOf.keys()]],
  );
  for (const r of locks.rows) {
    const name = portOf.get(r.client_port);
    const key = AUDIT_KEYS[name];
    if (key && r.objsubid === 1 && BigInt(r.hi) === key.hi && BigInt(r.lo) === key.lo) sample[name].audit++;
  }
  return sample;
}
function dbSummary(samples) {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return names.map((name) => {
    const xs = samples.map((s) => s[name] ?? { open: 0, busy: 0, advisory: 0, audit: 0 });
    const mean = (k) => xs.reduce((a, x) => a + x[k], 0) / xs.length;
    return {
      name,
      open: Math.max(...xs.map((x) => x.open)),
      busy: mean('busy'),
      busyMax: Math.max(...xs.map((x) => x.busy)),
      advisory: mean('advisory'),
      audit: mean('audit'),
    };
  });
}

// ---- one step ----------------------------------------------------------------------------------------------------------
const cumulative = ops.map((o) => o.weight);
for (let i = 1; i < cumulative.length; i++) cumulative[i] += cumulative[i - 1];
const totalWeight = cumulative[cumulative.length - 1];
const pickOp = () => {
  const x = Math.random() * totalWeight;
  return ops[cumulative.findIndex((c) => x < c)];
};

/** Sends at `rps` for warm-up + measured seconds, open loop; resolves when every measured request has answered. */
async function runStep(rps, procs) {
  const warmupMs = WARMUP_S * 1000;
  const measuredMs = STEP_S * 1000;
  const interval = 1000 / rps;
  const results = [];
  const pending = new Set();
  let scheduled = 0;
  let dropped = 0;
  let inflight = 0;
  let cpuBefore;
  // The benchmark's own event loop: a stall here (the machine busy) delays sends and shows in every route's latency.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const dbSamples = [];
  let sampling;
  let stepDone = false;
  const sampleDb = async () => {
    while (!stepDone) {
      const s = await dbSample(procs).catch(() => undefined);
      if (s) dbSamples.push(s);
      await sleep(1000);
    }
  };
  const start = performance.now();
  const windowStart = start + warmupMs;
  const end = windowStart + measuredMs;
  const fire = (at, measured) => {
    if (inflight >= MAX_INFLIGHT) {
      if (measured) dropped++;
      return;
    }
    const op = pickOp();
    inflight++;
    const p = send(op, at).then((r) => {
      inflight--;
      if (measured) results.push({ op: op.name, ...r });
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  for (let now = performance.now(); now < end; now = performance.now()) {
    // Every arrival due by now (evenly spaced from the start), each timed from its own scheduled instant.
    for (let at = start + scheduled * interval; at <= now && at < end; at = start + scheduled * interval) {
      if (at >= windowStart && cpuBefore === undefined) {
        cpuBefore = procs.map((p) => cpuTicks(p.child.pid));
        loopDelay.enable();
        sampling = sampleDb();
      }
      fire(at, at >= windowStart);
      scheduled++;
    }
    const done = results.length;
    const phase = now < windowStart ? 'warm-up' : `${((now - windowStart) / 1000).toFixed(0)}/${STEP_S} s`;
    progress(`  ${rps} rps: ${phase}, ${inflight} in flight, ${done} measured answers, ${dropped} dropped`);
    await sleep(Math.max(1, Math.min(20, start + scheduled * interval - performance.now())));
  }
  const windowEnd = performance.now();
  const cpuAfter = procs.map((p) => cpuTicks(p.child.pid));
  loopDelay.disable();
  stepDone = true;
  await Promise.all([...pending, sampling]);
  const lastAnswer = performance.now();
  const wall = (windowEnd - windowStart) / 1000;
  const cpu = procs.map((p, i) => ({ name: p.name, pct: ((cpuAfter[i] - (cpuBefore?.[i] ?? cpuAfter[i])) / TICKS / wall) * 100 }));
  const stall = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  return { ...summarise(rps, results, dropped, wall, (lastAnswer - windowStart) / 1000, cpu), stall, db: dbSummary(dbSamples) };
}

function summarise(rps, results, dropped, wallS, answeredS, cpu) {
  const ms = results.map((r) => r.ms);
  const errors = results.filter((r) => !r.ok);
  const byStatus = {};
  for (const e of errors) byStatus[statusLabel(e.status)] = (byStatus[statusLabel(e.status)] ?? 0) + 1;
  const routes = ops
    .map((o) => {
      const rs = results.filter((r) => r.op === o.name);
      const errs = rs.filter((r) => !r.ok);
      const statuses = {};
      for (const e of errs) statuses[statusLabel(e.status)] = (statuses[statusLabel(e.status)] ?? 0) + 1;
      return {
        name: o.name,
        n: rs.length,
        p50: pct(
          rs.map((r) => r.ms),
          50,
        ),
        p99: pct(
          rs.map((r) => r.ms),
          99,
        ),
        max: rs.length ? Math.max(...rs.map((r) => r.ms)) : NaN,
        errors: errs.length,
        statuses,
        sample: errs[0]?.text,
      };
    })
    .filter((r) => r.n > 0);
  return {
    rps,
    n: results.length,
    // Answers to the requests scheduled in the window, over the window (they answer during it or just after).
    achieved: results.length / Math.max(wallS, answeredS),
    p50: pct(ms, 50),
    p99: pct(ms, 99),
    errors: errors.length,
    byStatus,
    dropped,
    routes,
    cpu,
    load: loadavg()[0],
  };
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
function stepLine(s) {
  const status = Object.entries(s.byStatus)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  const slow = [...s.routes]
    .sort((x, y) => y.p99 - x.p99)
    .slice(0, 3)
    .map((r) => `${r.name} ${fmt(r.p99)}`)
    .join('; ');
  const cpu = s.cpu.map((c) => `${c.name.replace(/ api$/, '')} ${fmt(c.pct)}%`).join(', ');
  return (
    `  step ${s.rps} rps: ${s.n} answers, achieved ${s.achieved.toFixed(1)} rps, p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, ` +
    `errors ${s.errors}${status ? ` (${status})` : ''}, dropped ${s.dropped}\n` +
    `      slowest p99 (ms): ${slow}\n      CPU of the APIs: ${cpu}; load average ${s.load.toFixed(2)}; ` +
    `the benchmark's event-loop delay p99 ${fmt(s.stall.p99)} ms, max ${fmt(s.stall.max)} ms` +
    (s.db.length
      ? `\n      PostgreSQL connections per API (of 10; mean/max busy, mean waiting on an advisory lock, of them on the service's audit-chain lock): ${s.db
          .map(
            (d) =>
              `${d.name} ${d.busy.toFixed(1)}/${d.busyMax} busy, ${d.advisory.toFixed(1)} on a lock (${d.audit.toFixed(1)} the audit chain's)`,
          )
          .join('; ')}`
      : '')
  );
}
function routeTable(title, s) {
  log(`  ${title} (${s.rps} rps):`);
  log(`    ${'route'.padEnd(50)} ${'n'.padStart(5)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(6)}  errors`);
  for (const r of s.routes) {
    const st = Object.entries(r.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    log(
      `    ${r.name.padEnd(50)} ${String(r.n).padStart(5)} ${fmt(r.p50).padStart(6)} ${fmt(r.p99).padStart(6)} ${fmt(r.max).padStart(6)}  ${r.errors}${st ? ` (${st})` : ''}`,
    );
    if (r.sample) log(`      first error: ${r.sample.replace(/\s+/g, ' ')}`);
  }
}

// ---- the run -----------------------------------------------------------------------------------------------------------
let procs = [];
let finalLine;
try {
  const specs = ['referrals', 'calworks', 'child-welfare', 'notifications'].map((service) => ({ service, kind: 'api' }));
  if (WITH_WORKERS)
    specs.push(...['referrals', 'calworks', 'child-welfare', 'notifications'].map((service) => ({ service, kind: 'worker' })));
  log(`  starting ${specs.length} processes from dist/ on ports +${OFFSET} (logs in .stack/logs/bench-flows/), run tag ${tag}`);
  procs = await b.startServices(specs, { offset: OFFSET, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: RATE_LIMIT } });
  const apis = procs.filter((p) => p.name.endsWith(' api'));
  urls = Object.fromEntries(apis.map((p) => [p.name.replace(/ api$/, ''), p.url]));
  log(`  ready after ${elapsedS().toFixed(0)} s: ${apis.map((p) => `${p.name} ${p.url}`).join(', ')}`);
  if (!WITH_WORKERS)
    log(
      '  NOTE: only the APIs run (no workers; --workers starts them): the events the writes put in the outboxes wait for whichever workers run',
    );
  await refreshTokens();

  // Seed through the same public APIs, so every read of the mix has something of this run to read.
  const seedOp = (n) => ops.find((o) => o.name === n);
  for (const [opName, n] of [
    ['cw POST /families', SEED],
    ['cw POST /referrals (hotline)', SEED],
    ['calworks POST /assistance-units', SEED],
    ['referrals POST /referrals (Linkages)', SEED],
  ]) {
    const op = seedOp(opName);
    const rs = await pool(range(n), 4, () => send(op));
    const bad = rs.filter((r) => !r.ok);
    if (bad.length)
      throw new Error(`seeding ${opName}: ${bad.length}/${n} failed, first HTTP ${statusLabel(bad[0].status)} ${bad[0].text}`);
    progress(`  seeded ${opName}: ${n}`);
  }
  log(
    `  seeded through the APIs: ${data.cwsFamilies.length} CWS families, ${data.cwsReferrals.length} hotline referrals, ` +
      `${data.aus.length} AUs, ${data.linkagesReferrals.length} Linkages referrals (names Load${tag}, case numbers LD?-${tag}-*)`,
  );
  // Every route once: a route that refuses the mix's request is a defect of the bench (or the route), not load.
  const smoke = await pool(ops, 2, async (op) => ({ op, r: await send(op) }));
  const refused = smoke.filter(({ r }) => !r.ok);
  for (const { op, r } of refused) log(`  WARNING: ${op.name} answers HTTP ${statusLabel(r.status)} to the mix's request: ${r.text}`);
  if (refused.length) throw new Error(`${refused.length} route(s) of the mix refuse its requests (above): fix the mix before measuring`);
  log(`  every route of the mix answered 2xx once (${ops.length} routes, ${ops.filter((o) => o.write).length} of them writes)`);

  const steps = [];
  const stopReserve = 15; // seconds for the last answers and stopping the processes
  const rates = RATES.filter((r) => r <= MAX_RPS);
  for (let i = 0, attempt = 1; i < rates.length;) {
    const rps = rates[i];
    const need = WARMUP_S + STEP_S + TIMEOUT_MS / 1000 / 2;
    if (elapsedS() + need + stopReserve > MAX_S) {
      log(`  stopping: a ${rps} rps step would not fit in --max-seconds ${MAX_S} (${elapsedS().toFixed(0)} s used)`);
      break;
    }
    if (Date.now() - tokensAt > 600_000) await refreshTokens();
    b.assertAlive(procs);
    const s = await runStep(rps, procs);
    s.attempt = attempt;
    steps.push(s);
    log(stepLine(s));
    const reasons = [];
    if (s.p99 >= P99_MS) reasons.push(`p99 ${fmt(s.p99)} ms ≥ ${P99_MS} ms`);
    if (s.errors) reasons.push(`${s.errors} errors`);
    if (s.dropped) reasons.push(`${s.dropped} arrivals dropped at ${MAX_INFLIGHT} in flight`);
    if (s.achieved < 0.9 * rps) reasons.push(`achieved ${s.achieved.toFixed(1)} of ${rps} rps`);
    s.held = reasons.length === 0;
    if (s.held) {
      i++;
      attempt = 1;
    } else if (attempt <= RETRIES && !s.errors) {
      // A shared machine stalls now and then (other processes' bursts): a step that failed on latency alone is run
      // again, and both attempts are reported. Errors are never retried away.
      log(`  ${rps} rps not held (${reasons.join(', ')}): running it again (attempt ${attempt + 1} of ${RETRIES + 1})`);
      attempt++;
    } else {
      log(`  stopping: ${reasons.join(', ')}`);
      break;
    }
  }
  b.assertAlive(procs);
  if (!steps.length) throw new Error('no step ran (raise --max-seconds)');
  const held = steps.filter((s) => s.held);
  const best = held.length ? held[held.length - 1] : steps[0];
  const failed = steps.findLast((s) => !s.held);
  log('');
  routeTable(held.length ? 'per route at the highest step held' : 'per route at the lowest step (none held)', best);
  if (failed && failed !== best) routeTable('per route at the step that failed', failed);
  log('');
  log(
    `  steps: ${steps.map((s) => `${s.rps}${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}${s.held ? '✔' : '✖'} (${s.achieved.toFixed(1)} rps, p99 ${fmt(s.p99)} ms, ${s.errors} err)`).join(', ')}`,
  );
  log(
    held.length
      ? `  highest rate held: ${best.rps} rps offered (p99 < ${P99_MS} ms, no error, nothing dropped)${best.rps === rates[rates.length - 1] ? ' — every step held: try higher --rates' : ''}`
      : `  NO step held p99 < ${P99_MS} ms without errors: the lowest step's figures follow`,
  );
  log(
    `  rate limit raised to ${RATE_LIMIT}/min per user for this run's processes; ${WITH_WORKERS ? 'workers ran' : 'APIs only'}; run took ${elapsedS().toFixed(0)} s`,
  );
  finalLine = `load: ${best.achieved.toFixed(1)} rps at p99 ${fmt(best.p99)} ms, errors = ${best.errors}`;
} finally {
  await b.stopServices(procs);
  await pg.end().catch(() => undefined);
}
if (finalLine) log(finalLine);
