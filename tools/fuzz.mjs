#!/usr/bin/env node
// npm run fuzz [-- flags]: fuzzes every HTTP API with Schemathesis (an independent client, from PyPI, in the
// git-ignored venv .stack/fuzz-venv that tools/fuzz/venv.mjs keeps) against each service's own OpenAPI document
// (/docs/openapi.json). Every documented response must be what it says (status, content type, schema), an error must
// be application/problem+json (tools/fuzz/hooks.py), no answer may be a 5xx, and a refused request must change nothing.
//
// What it does:
//   1. starts the four APIs from dist/ on ports +--offset (default 700), against a throwaway database on the stack's
//      PostgreSQL with every service's migrations applied (dropped at the end), so that only this run writes to it;
//      no Temporal worker and no outbox relay run (they are in the worker processes), so nothing this run writes
//      leaves the database. --base-urls name=url,… fuzzes services already running instead (then the refusal check
//      needs --database-url, the database they write to, and is only sound when nothing else writes to it).
//   2. authorised runs: per service × demo user, the operations the user's roles permit (x-linkages-policy in the
//      document), with the user's development-IdP token, phases examples, coverage, fuzzing and stateful; the public
//      operations once without a token.
//   3. refusal runs: per service, every secured operation without a token and with a token the IdP signed for
//      another audience, and per demo user the operations the user's roles do not permit, with the user's token.
//      Every answer must be a refusal (>= 400, hooks.py refused_means_refused), and the data of every service schema
//      must be the same after them as before (see snapshot()): the only rows they may add are audit records with
//      outcome 'denied' (a refusal is audited; it changes no record).
// Prints progress, then per service the operations, requests (by status) and failures by check; exits 1 on any
// failure or error. Reports (JUnit, JSON, the st output) go to .stack/reports/fuzz/.
//
// Flags: --max-examples N (per operation and phase, default 20) --max-time S (per st run, default 60)
//        --phases examples,coverage,fuzzing,stateful  --users a,b (demo users of the authorised runs, default all)
//        --refusal-users a,b|none (default: the same)  --services a,b  --offset N  --seed N  --workers N (st workers, 1)
//        --base-urls referrals=http://…,…  --database-url postgres://…  --keep (leave the throwaway database)
//        --known-gaps (tolerate the document gaps found and not fixed yet: see schemathesisConfig)
//        --no-other-audience (skip the refusal runs with a token of another audience)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, existsSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFuzzVenv } from './fuzz/venv.mjs';
import { assertPortFree, ensureBuilt, host, logsDir, repoRoot, serviceEnv, services as allServices, stackDir } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    'max-examples': { type: 'string', default: '20' },
    'max-time': { type: 'string' },
    phases: { type: 'string', default: 'examples,coverage,fuzzing,stateful' },
    users: { type: 'string' },
    'refusal-users': { type: 'string' },
    services: { type: 'string' },
    offset: { type: 'string', default: process.env.LINKAGES_FUZZ_PORT_OFFSET ?? '700' },
    seed: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'base-urls': { type: 'string' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
    'known-gaps': { type: 'boolean', default: false },
    'no-other-audience': { type: 'boolean', default: false },
  },
});

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (m) => console.log(m);
const list = (s) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
const selectedServices = list(args.services) ?? allServices;
for (const s of selectedServices) if (!allServices.includes(s)) throw new Error(`unknown service ${s} (${allServices.join(', ')})`);
const demoUsers = JSON.parse(readFileSync(join(repoRoot, 'infra/local/demo-users.json'), 'utf8')).users;
const userNames = list(args.users) ?? demoUsers.map((u) => u.username);
const refusalUserNames = args['refusal-users'] === 'none' ? [] : (list(args['refusal-users']) ?? userNames);
const offset = Number(args.offset);
const reportsDir = join(stackDir, 'reports', 'fuzz');
rmSync(reportsDir, { recursive: true, force: true });
mkdirSync(reportsDir, { recursive: true });

/**
 * Checks: every one of Schemathesis' and hooks.py's (`[checks] enabled = true`). None is excluded: the ones that would
 * be wrong for this API are narrowed instead (schemathesisConfig: the statuses a valid request may get, the operations
 * with a rule JSON Schema cannot state). object_level_authorization is on but inert: it needs peers in a Web Fuzzing
 * Commons auth file (not given yet: two counties' workers would be the peers).
 */
const excludedChecks = [];

/**
 * Schemathesis' configuration (written to the report directory, passed with --config-file):
 * positive_data_acceptance — a schema-valid request may still be refused by a rule the schema cannot state: 422 for a
 * domain refusal (a step out of sequence, an unknown record referred to in the body), besides the defaults (401, 403,
 * 404, 409, 429; 5xx are failed by not_a_server_error anyway). 400 stays a failure: a request the document calls
 * valid that the validator rejects means the document and the validation disagree — except on the operations of
 * `semanticRules`, whose validation has a rule JSON Schema cannot express (each named there); on those the check is off
 * and every other check stays on.
 */
const semanticRules = {
  'GET /match-reviews': '`after` is an opaque cursor the list gave (nextCursor)',
  'GET /ack/{token}': '`token` is a signed acknowledgment link token',
  'POST /ack/{token}': '`token` is a signed acknowledgment link token',
  'POST /persons/match': 'an SSN must not be an impossible number; a date of birth must not be in the future',
  'POST /prevention-referrals': 'an SSN must not be an impossible number; a date of birth must not be in the future',
  'POST /referrals': 'a date of birth must not be in the future; childrenRemoved agrees with the members',
  'POST /families': 'a date of birth must not be in the future',
  'POST /assistance-units': 'an SSN must not be an impossible number; a date of birth must not be in the future',
  'POST /assistance-units/{auId}/members': 'an SSN must not be an impossible number; a date of birth must not be in the future',
  'POST /referrals/{referralId}/consents': 'expiresOn must be after signedOn',
  'POST /shared-families/{familyId}/consents': 'expiresOn must be after signedOn',
  'POST /shared-families/{familyId}/special-population-facts': 'at least one fact (homeless or parentAgeBands)',
  'POST /cases/{caseId}/hearings': 'continuedTo is required when, and only when, the outcome is continued',
  'POST /referrals/{referralId}/authorities/{authorityId}/revoke': 'the reason is trimmed before its minimum length is checked',
  'GET /deadline-queue': '`state` is a comma list of known states',
  'GET /reports/timeliness': '`groupBy` is a comma list of known keys; `to` must be after `from`',
  'POST /organisation/people/{staffId}/absences': '`to` must be after `from`',
  'PUT /assignments': 'exactly one of subjectRef or familyId',
  'PUT /me/preferences': 'quiet hours must start and end at different times',
  'POST /webhook-endpoints': 'a secret is whsec_ and the base64 of 24 to 64 random bytes',
  'POST /webhook-endpoints/{endpointId}/rotate-secret': 'a secret is whsec_ and the base64 of 24 to 64 random bytes',
  'PUT /organisation/people/{staffId}': 'at least one of the fields',
  'PUT /organisation/units/{unitId}': 'at least one of the fields',
};
// Every check is on (`[checks] enabled = true` rather than `--checks all`, which would override the per-operation
// settings below).
/**
 * --known-gaps (the bounded run of `npm test`): the gaps between the documents and the validation that this fuzzer
 * found and that are not fixed yet are tolerated, so the run guards everything else: positive_data_acceptance also
 * takes 400 (the documents' dates do not carry the boundary's years 1900–2200, and cross-field rules are not in
 * `semanticRules` one by one), and negative_data_rejection is off where the document's `format: email` is stricter
 * than the email check of the service. `npm run fuzz` leaves it off and reports them.
 */
const knownEmailGap = ['POST /organisation/people', 'PUT /organisation/people/{staffId}'];
const schemathesisConfig = [
  '[checks]',
  'enabled = true',
  '',
  '[checks.positive_data_acceptance]',
  `expected-statuses = ["2xx", ${args['known-gaps'] ? '"400", ' : ''}"401", "403", "404", "409", "422", "429"]`,
  ...(args['known-gaps']
    ? knownEmailGap.flatMap((name) => [
        '',
        '# the document says format: email, the service takes a wider address (zod)',
        '[[operations]]',
        `include-name = ${JSON.stringify(name)}`,
        'checks.negative_data_rejection.enabled = false',
      ])
    : []),
  ...Object.entries(semanticRules).flatMap(([name, rule]) => [
    '',
    `# ${rule}`,
    '[[operations]]',
    `include-name = ${JSON.stringify(name)}`,
    'checks.positive_data_acceptance.enabled = false',
  ]),
  '',
].join('\n');

/** Operations never fuzzed, with why. */
const excludedOperations = [
  // An event stream that stays open until the client leaves: every request would end in the request timeout. The
  // notifications e2e spec covers it (authentication, the events it sends).
  { method: 'GET', path: '/inbox/stream' },
];

const children = new Set();
let dropDatabase = async () => {};
const cleanup = async () => {
  await stopChildren();
  const drop = dropDatabase;
  dropDatabase = async () => {};
  await drop();
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    log(`\n${signal}: stopping what this run started`);
    void cleanup().then(() => process.exit(130));
  });

// ---------------------------------------------------------------------------------------------------------------
// Services

async function createThrowawayDatabase() {
  const pg = require('pg');
  const env = serviceEnv();
  const name = `linkages_fuzz_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.DATABASE_URL, application_name: 'linkages-fuzz' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: env.DATABASE_URL, application_name: 'linkages-fuzz' });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => log(`  could not drop ${name}: ${e.message}`));
    await c.end();
  };
  return { name, url: url.toString(), drop };
}

async function migrate(databaseUrl) {
  const { createDataSourceOptions, migrateUp } = require(join(repoRoot, 'dist/libs/platform/persistence/src/index.js'));
  for (const service of allServices) {
    const { persistence } = require(join(repoRoot, 'dist/apps', service, 'src/persistence.js'));
    await migrateUp(createDataSourceOptions(databaseUrl, persistence, `${service}-fuzz-migrate`));
  }
}

async function startApis(databaseUrl) {
  const dir = join(logsDir, 'fuzz');
  mkdirSync(dir, { recursive: true });
  const procs = [];
  for (const name of selectedServices) {
    const { service } = require(join(repoRoot, 'dist/apps', name, 'src/service.js'));
    const port = service.port + offset;
    await assertPortFree(`${name} API (fuzz port offset ${offset}: --offset)`, port);
    const logPath = join(dir, `${name}-api.log`);
    const fd = openSync(logPath, 'w');
    const child = spawn(process.execPath, ['--enable-source-maps', join(repoRoot, 'dist/apps', name, 'src/main.js')], {
      env: serviceEnv({
        PORT: String(port),
        WORKER_HEALTH_PORT: String(service.workerHealthPort + offset),
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        // The fuzzer sends thousands of requests a minute as a handful of users: the per-user limits would answer most
        // of them 429 (which is documented and conforms, but tests nothing else).
        RATE_LIMIT_PER_MINUTE: '100000000',
        AUTH_REFUSALS_PER_MINUTE: '100000000',
      }),
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    children.add(child);
    child.once('exit', () => children.delete(child));
    procs.push({ name, child, logPath, url: `http://${host}:${port}` });
  }
  await Promise.all(procs.map((p) => waitReady(p)));
  return procs;
}

async function waitReady(p, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`${p.name} API exited (${p.child.exitCode ?? p.child.signalCode}):\n${tail(p.logPath)}`);
    try {
      const res = await fetch(`${p.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${p.name} API not ready after ${timeoutMs / 1000} s: ${last}\n${tail(p.logPath)}`);
}

const tail = (path, lines = 30) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n') : '');

async function stopChildren() {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Identities

async function token(username, audience) {
  const env = serviceEnv();
  const res = await fetch(`${env.AUTH_ISSUER.replace(/\/+$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, audience: audience ?? env.AUTH_AUDIENCE ?? 'linkages-api' }),
    signal: AbortSignal.timeout(5000),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.access_token !== 'string')
    throw new Error(`the development IdP gave no token for ${username}: HTTP ${res.status}`);
  return body.access_token;
}

// ---------------------------------------------------------------------------------------------------------------
// Documents and their operations

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The document with only the operations `keep(method, path, operation)` accepts (paths left empty are dropped). */
function filtered(doc, keep) {
  const paths = {};
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const out = {};
    for (const [key, value] of Object.entries(item)) {
      if (!methods.includes(key)) out[key] = value;
      else if (!excludedOperations.some((e) => e.method === key.toUpperCase() && e.path === path) && keep(key.toUpperCase(), path, value)) {
        out[key] = value;
        count++;
      }
    }
    if (Object.keys(out).some((k) => methods.includes(k))) paths[path] = out;
  }
  return { doc: { ...doc, paths }, count };
}

const policyOf = (operation) => operation['x-linkages-policy'] ?? { kind: 'missing' };

// ---------------------------------------------------------------------------------------------------------------
// The data a refused request must not change

/**
 * Per table of every service schema: its row count and an MD5 of all its rows (as text, sorted), so an insert, an
 * update and a delete all show. audit_log is read without its rows of outcome 'denied' (refusals are audited: that is
 * the one write a refusal makes); the migrations table is left out.
 */
async function snapshot(databaseUrl) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'linkages-fuzz-snapshot' });
  await client.connect();
  try {
    const schemas = allServices.map((s) => require(join(repoRoot, 'dist/apps', s, 'src/persistence.js')).persistence.schema);
    const { rows: tables } = await client.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> 'typeorm_migrations'
        ORDER BY 1, 2`,
      [schemas],
    );
    const out = {};
    for (const { table_schema: schema, table_name: table } of tables) {
      const where = table === 'audit_log' ? `WHERE t.outcome <> 'denied'` : '';
      const {
        rows: [r],
      } = await client.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${schema}"."${table}" t ${where}`,
      );
      out[`${schema}.${table}`] = r;
    }
    return out;
  } finally {
    await client.end();
  }
}

function snapshotDiff(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [];
  for (const name of [...names].sort()) {
    const a = before[name];
    const b = after[name];
    if (!a || !b || a.n !== b.n || a.h !== b.h)
      changed.push(`${name}: ${a?.n ?? 'absent'} → ${b?.n ?? 'absent'} rows${a && b && a.n === b.n ? ' (same count, rows changed)' : ''}`);
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemathesis runs

const st = ensureFuzzVenv({ log });
const configFile = join(reportsDir, 'schemathesis.toml');
writeFileSync(configFile, schemathesisConfig);
const results = [];

/** One `st run`: the document file, the base URL, an identity (headers), the phases; resolves to its result. */
async function stRun({ service, identity, doc, baseUrl, headers = [], phases, refusal }) {
  const slug = `${service}-${identity}`.replace(/[^a-zA-Z0-9-]+/g, '-');
  const dir = join(reportsDir, slug);
  mkdirSync(dir, { recursive: true });
  const docFile = join(dir, 'openapi.json');
  writeFileSync(docFile, JSON.stringify(doc));
  const statsFile = join(dir, 'stats.json');
  const outFile = join(dir, 'st-output.txt');
  const stArgs = [
    '--config-file',
    configFile,
    'run',
    docFile,
    '--url',
    baseUrl,
    ...(excludedChecks.length ? ['--exclude-checks', excludedChecks.join(',')] : []),
    '--phases',
    phases,
    '--max-examples',
    args['max-examples'],
    // --max-time makes fuzzing and stateful testing repeat until it is spent (the long run); without it a run ends
    // when every phase has made its --max-examples (the bounded run).
    ...(args['max-time'] ? ['--max-time', args['max-time']] : []),
    '--workers',
    args.workers,
    '--request-timeout',
    '15',
    // Every service refuses a NUL character in any string of the path, query or body at its boundary, before
    // routing (request-boundary.ts; the validation problem says so): a generated NUL tests that one rule thousands of
    // times and keeps the rest untested.
    '--generation-allow-x00',
    'false',
    '--generation-database',
    'none',
    '--report',
    'junit,json',
    '--report-dir',
    dir,
    '--report-json-path',
    join(dir, 'report.json'),
    '--no-color',
    '--output-truncate',
    'true',
    ...(args.seed ? ['--seed', args.seed] : []),
    ...headers.flatMap((h) => ['-H', h]),
  ];
  const t = Date.now();
  const fd = openSync(outFile, 'w');
  const code = await new Promise((resolve) => {
    const child = spawn(st, stArgs, {
      cwd: dir, // Schemathesis and Hypothesis write nothing into the checkout
      env: {
        ...process.env,
        SCHEMATHESIS_HOOKS: join(repoRoot, 'tools/fuzz/hooks.py'),
        FUZZ_STATS: statsFile,
        FUZZ_EXPECT_REFUSAL: refusal ? '1' : '0',
        FUZZ_IDENTITY: identity,
      },
      stdio: ['ignore', fd, fd],
    });
    children.add(child);
    child.once('exit', (c, signal) => {
      children.delete(child);
      resolve(c ?? (signal ? 1 : 0));
    });
  });
  closeSync(fd);
  const report = existsSync(join(dir, 'report.json')) ? JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) : undefined;
  const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : { requests: 0, statuses: {} };
  const result = { service, identity, refusal, code, seconds: (Date.now() - t) / 1000, report, stats, outFile };
  results.push(result);
  const failures = (report?.failures ?? []).reduce((n, f) => n + f.count, 0);
  const errors = (report?.errors ?? []).reduce((n, e) => n + e.count, 0);
  const ok = code === 0 && failures === 0 && errors === 0;
  log(
    `  ${ok ? '✔' : '✖'} ${service} as ${identity}: ${report?.operations?.tested ?? '?'} operations, ${stats.requests} requests` +
      ` (${Object.entries(stats.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}), ${failures} failures, ${errors} errors, ${result.seconds.toFixed(0)} s [${elapsed()}]`,
  );
  if (!ok) {
    for (const f of report?.failures ?? [])
      log(`      ${f.title} ×${f.count}: ${f.operations.slice(0, 6).join(', ')}${f.operations.length > 6 ? ', …' : ''}`);
    for (const e of report?.errors ?? []) log(`      error: ${e.title} ×${e.count}`);
    if (!report) log(`      no report (st exit ${code}):\n${tail(outFile, 40)}`);
    log(`      details: ${outFile}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

let exitCode = 0;
try {
  log(
    `Fuzzing ${selectedServices.join(', ')} with Schemathesis (max ${args['max-examples']} examples${args['max-time'] ? `, ${args['max-time']} s per run` : ''})`,
  );
  let baseUrls;
  let databaseUrl = args['database-url'];
  if (args['base-urls']) {
    baseUrls = Object.fromEntries(list(args['base-urls']).map((kv) => kv.split('=')));
  } else {
    await ensureBuilt();
    const db = await createThrowawayDatabase();
    databaseUrl = db.url;
    if (!args.keep) dropDatabase = db.drop;
    log(`  throwaway database ${db.name}: migrating every service…`);
    await migrate(db.url);
    log(`  starting the APIs from dist/ on ports +${offset} (logs in .stack/logs/fuzz/)… [${elapsed()}]`);
    const procs = await startApis(db.url);
    baseUrls = Object.fromEntries(procs.map((p) => [p.name, p.url]));
    log(`  APIs ready [${elapsed()}]`);
  }
  const { hasPermission } = require(join(repoRoot, 'dist/libs/platform/access/src/index.js'));
  const rolesOf = (username) => {
    const user = demoUsers.find((u) => u.username === username);
    if (!user) throw new Error(`no demo user ${username} in infra/local/demo-users.json`);
    return user.roles;
  };
  const tokens = {};
  for (const u of new Set([...userNames, ...refusalUserNames])) tokens[u] = await token(u);
  const foreignAudience = await token(userNames[0] ?? 'admin', 'some-other-api');

  const documents = {};
  for (const service of selectedServices) {
    const res = await fetch(`${baseUrls[service]}/docs/openapi.json`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`${service}: GET /docs/openapi.json answered ${res.status}`);
    documents[service] = await res.json();
    writeFileSync(join(reportsDir, `${service}.openapi.json`), JSON.stringify(documents[service], null, 2));
  }

  // Authorised runs: each user on the operations its roles permit; the public operations without a token.
  log(`\nAuthorised runs (phases ${args.phases})`);
  for (const service of selectedServices) {
    const doc = documents[service];
    const pub = filtered(doc, (_m, _p, op) => policyOf(op).kind === 'public');
    if (pub.count) await stRun({ service, identity: 'anonymous-public', doc: pub.doc, baseUrl: baseUrls[service], phases: args.phases });
    for (const user of userNames) {
      const roles = rolesOf(user);
      const mine = filtered(doc, (_m, _p, op) => policyOf(op).kind === 'permission' && hasPermission(roles, policyOf(op).permission));
      if (!mine.count) continue;
      await stRun({
        service,
        identity: user,
        doc: mine.doc,
        baseUrl: baseUrls[service],
        headers: [`Authorization: Bearer ${tokens[user]}`],
        phases: args.phases,
      });
    }
  }

  // Refusal runs, between two snapshots of the data.
  log(`\nRefusal runs (nothing may be answered below 400, nothing may change)`);
  const refusalPhases = args.phases
    .split(',')
    .filter((p) => p !== 'stateful') // a refused request creates nothing a link could lead to
    .join(',');
  const before = databaseUrl ? await snapshot(databaseUrl) : undefined;
  for (const service of selectedServices) {
    const doc = documents[service];
    const secured = filtered(doc, (_m, _p, op) => policyOf(op).kind === 'permission');
    await stRun({ service, identity: 'no-token', doc: secured.doc, baseUrl: baseUrls[service], phases: refusalPhases, refusal: true });
    if (!args['no-other-audience'])
      await stRun({
        service,
        identity: 'other-audience',
        doc: secured.doc,
        baseUrl: baseUrls[service],
        headers: [`Authorization: Bearer ${foreignAudience}`],
        phases: refusalPhases,
        refusal: true,
      });
    for (const user of refusalUserNames) {
      const roles = rolesOf(user);
      const notMine = filtered(doc, (_m, _p, op) => policyOf(op).kind === 'permission' && !hasPermission(roles, policyOf(op).permission));
      if (!notMine.count) continue;
      await stRun({
        service,
        identity: `${user}-refused`,
        doc: notMine.doc,
        baseUrl: baseUrls[service],
        headers: [`Authorization: Bearer ${tokens[user]}`],
        phases: refusalPhases,
        refusal: true,
      });
    }
  }
  let changed = [];
  if (before) {
    changed = snapshotDiff(before, await snapshot(databaseUrl));
    const tables = Object.keys(before).length;
    if (changed.length) {
      log(`  ✖ the refused requests changed data in ${changed.length} of ${tables} tables:`);
      for (const c of changed) log(`      ${c}`);
    } else log(`  ✔ the refused requests changed nothing: ${tables} tables identical (audit records of refusals aside)`);
  } else log('  (no --database-url: the data was not compared)');

  // Summary
  log(`\nSummary [${elapsed()}]`);
  let anyFailure = changed.length > 0;
  for (const service of selectedServices) {
    const runs = results.filter((r) => r.service === service);
    const operations = Object.values(documents[service].paths ?? {}).reduce(
      (n, item) => n + Object.keys(item).filter((k) => methods.includes(k)).length,
      0,
    );
    const requests = runs.reduce((n, r) => n + r.stats.requests, 0);
    const statuses = {};
    for (const r of runs) for (const [s, n] of Object.entries(r.stats.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
    const byCheck = {};
    let errors = 0;
    for (const r of runs) {
      for (const f of r.report?.failures ?? []) byCheck[f.title] = (byCheck[f.title] ?? 0) + f.count;
      errors += (r.report?.errors ?? []).reduce((n, e) => n + e.count, 0) + (r.report ? 0 : 1);
      if (r.code !== 0) anyFailure = true;
    }
    if (Object.keys(byCheck).length || errors) anyFailure = true;
    const failures = Object.entries(byCheck)
      .map(([t, n]) => `${t} ×${n}`)
      .join('; ');
    log(
      `  ${service}: ${operations} operations in the document, ${runs.length} runs, ${requests} requests (${Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}); failures: ${failures || 'none'}${errors ? `; errors: ${errors}` : ''}`,
    );
  }
  const totalRequests = results.reduce((n, r) => n + r.stats.requests, 0);
  log(
    `fuzz: ${results.length} runs, ${totalRequests} requests, ${anyFailure ? 'FAILED' : 'passed'} in ${elapsed()} (reports in .stack/reports/fuzz/)`,
  );
  exitCode = anyFailure ? 1 : 0;
} catch (error) {
  log(`fuzz: ${error.stack ?? error.message}`);
  exitCode = 1;
} finally {
  await cleanup().catch((e) => log(`  cleanup: ${e.message}`));
}
process.exit(exitCode);
