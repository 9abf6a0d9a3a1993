#!/usr/bin/env node
// npm run bench:escalation [-- --n 30 --spacing-ms 2000 --lead-s 45]
// On the local stack, with the real processes from dist/ (child-welfare API + worker, notifications worker), in one
// run: how long from a deadline's overdue instant to the e-mail in Mailpit.
// (1) baseline: at each of N instants spread `spacing-ms` apart, the benchmark itself sends one e-mail over SMTP to
//     Mailpit (nodemailer, as the notifications worker does): the floor of "an instant passes → a mail is in Mailpit";
// (2) the platform: N immediate-response referrals recorded through the child-welfare API, each screened 24 hours
//     before an instant of the same schedule, so its ER clock (24 clock hours, cws.er.immediate-response) falls due and
//     is overdue then; the deadline workflow hands its ladder to notifications over Kafka, the escalation workflow
//     notifies the assignee at level 1, the delivery activity sends the mail.
// Latency = Mailpit's `Created` of the message − the instant, p50/p99 per phase; cross-checked against the delivery
// row's delivered time in PostgreSQL. The phases run one after the other, so neither slows the other.
// Last line: `ratio overdue-to-mail-p99/direct-smtp-p99 = <number>`. A benchmark: it asserts nothing.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv } from '../stack/lib.mjs';
import * as b from './flows-lib.mjs';

const require = createRequire(import.meta.url);
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const N = arg('--n', 30);
const SPACING = arg('--spacing-ms', 2000);
const LEAD = arg('--lead-s', 45) * 1000;
const OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 800);
const { log, progress, pool, range, pct, sleep } = b;

log(`bench:escalation — N=${N}, one instant every ${SPACING} ms, first ${LEAD / 1000} s after set-up; bringing up the stack and the build`);
execFileSync(process.execPath, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { stdio: 'ignore' });
Object.assign(process.env, serviceEnv());
await ensureBuilt();
const nodemailer = require('nodemailer');
const { Client } = require('pg');
const organisation = require(join(repoRoot, 'infra/local/organisation.json'));
const assigneeEmail = organisation.people.find((p) => p.username === 'cws-worker').email;
const assigneeStaffId = require(join(repoRoot, 'dist/libs/platform/access/src/index.js')).staffIdOf('demo:cws-worker');
const mailpitUrl = process.env.MAILPIT_URL.replace(/\/+$/, '');
const tag = randomBytes(4).toString('hex');
const db = new Client({ connectionString: process.env.DATABASE_URL });
await db.connect();

const mailpit = async (path) => {
  const res = await fetch(`${mailpitUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`Mailpit ${path}: HTTP ${res.status}`);
  return res.json();
};
/** Messages to `to` created since `since` (ms), newest first as Mailpit lists them. */
const messagesSince = async (to, since) => {
  const found = [];
  for (let start = 0; ; start += 200) {
    const page = await mailpit(`/api/v1/search?${new URLSearchParams({ query: `to:${to}`, start: String(start), limit: '200' })}`);
    const fresh = (page.messages ?? []).filter((m) => Date.parse(m.Created) >= since);
    found.push(...fresh);
    if ((page.messages ?? []).length < 200 || fresh.length < (page.messages ?? []).length) return found;
  }
};
const summary = (name, xs) =>
  `${name}: n=${xs.length}, p50 ${pct(xs, 50).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
const schedule = (t0) => range(N).map((i) => t0 + LEAD + i * SPACING);
const waitUntil = async (what, done, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { have, want } = await done();
    progress(`  ${what}: ${have}/${want}`);
    if (have >= want) return;
    if (Date.now() > deadline) throw new Error(`${what}: ${have}/${want} after ${timeoutMs / 1000} s`);
    await sleep(1000);
  }
};

let procs = [];
const lines = [''];
try {
  // (1) Baseline: the benchmark sends the mail itself at each instant.
  const transport = nodemailer.createTransport(process.env.SMTP_URL);
  const baselineTo = `bench-escalation-${tag}@linkages.test`;
  const t0 = Date.now();
  const baseInstants = schedule(t0 - LEAD + 2000);
  log(`  phase 1 (baseline): ${N} direct SMTP sends at their instants to ${baselineTo}`);
  await Promise.all(
    baseInstants.map(async (at, i) => {
      await sleep(Math.max(0, at - Date.now()));
      await transport.sendMail({
        from: process.env.MAIL_FROM ?? 'bench@linkages.test',
        to: baselineTo,
        subject: `bench ${tag} ${i}`,
        text: `instant ${at}`,
      });
    }),
  );
  let baseMails = [];
  await waitUntil(
    'baseline mails in Mailpit',
    async () => ({ have: (baseMails = await messagesSince(baselineTo, t0)).length, want: N }),
    60_000,
  );
  const baseline = baseMails.map((m) => Date.parse(m.Created) - baseInstants[Number(m.Subject.split(' ').at(-1))]);
  transport.close();
  log(`\n  ${summary('direct SMTP', baseline)}`);

  // (2) The platform.
  procs = await b.startServices(
    [
      { service: 'child-welfare', kind: 'api' },
      { service: 'child-welfare', kind: 'worker' },
      { service: 'notifications', kind: 'worker' },
    ],
    { offset: OFFSET, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } },
  );
  log(`  processes ready (ports +${OFFSET}); logs in .stack/logs/bench-flows/`);
  const api = procs[0].url;
  const accessToken = await b.token('cws-supervisor');
  const post = async (path, body) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': globalThis.crypto.randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const t1 = Date.now();
  const instants = schedule(t1);
  log(`  phase 2 (platform): ${N} immediate-response referrals, each screened 24 h before its instant`);
  let made = 0;
  const referrals = await pool(range(N), 4, async (i) => {
    const family = await post('/families', {
      members: [
        { role: 'parent', firstName: 'Bench', lastName: `Escalation${tag}`, dateOfBirth: '1990-01-02' },
        { role: 'child', firstName: 'Bench', lastName: `Escalation${tag}`, dateOfBirth: '2020-03-04' },
      ],
    });
    // The ER clock starts at the screening decision (acceptanceOf): decided 24 h before the instant, received a minute earlier.
    const decidedAt = new Date(instants[i] - 24 * 3_600_000);
    const receivedAt = new Date(decidedAt.getTime() - 60_000);
    const referral = await post('/referrals', {
      familyId: family.id,
      receivedAt: receivedAt.toISOString(),
      allegations: [{ type: 'physical-abuse', childId: family.members.find((m) => m.role === 'child').personId }],
    });
    await post(`/referrals/${referral.id}/screening`, {
      decision: 'accepted',
      responsePriority: 'immediate',
      reason: 'Benchmark',
      povertyOnly: false,
      decidedAt: decidedAt.toISOString(),
    });
    progress(`  referrals recorded: ${++made}/${N}`);
    return { referralId: referral.id, instant: instants[i] };
  });
  const late = referrals.filter((r) => r.instant < Date.now());
  if (late.length)
    log(`\n  NOTE: ${late.length} referral(s) recorded after their instant: raise --lead-s (their clocks open already overdue)`);
  const byReferral = new Map(referrals.map((r) => [r.referralId, r]));
  // Each clock's escalation, once notifications has it.
  let escalations = [];
  await waitUntil(
    'escalations started',
    async () => {
      escalations = (
        await db.query(
          `SELECT t.subject_id AS referral_id, e.escalation_id FROM child_welfare.tracked_deadlines t
             JOIN notifications.escalations e ON e.deadline_id = t.deadline_id
            WHERE t.subject_id = ANY($1::uuid[]) AND t.purpose = 'er-response'`,
          [referrals.map((r) => r.referralId)],
        )
      ).rows;
      return { have: escalations.length, want: N };
    },
    LEAD + N * SPACING + 180_000,
  );
  const instantOf = new Map(escalations.map((e) => [e.escalation_id, byReferral.get(e.referral_id).instant]));
  // The assignee's mails of this run, matched to their escalation by the id in the text.
  const latencies = new Map();
  await waitUntil(
    'escalation mails in Mailpit',
    async () => {
      for (const m of await messagesSince(assigneeEmail, t1)) {
        if ([...latencies.values()].some((l) => l.id === m.ID)) continue;
        const full = await mailpit(`/api/v1/message/${encodeURIComponent(m.ID)}`);
        const id = [...instantOf.keys()].find((e) => full.Text.includes(e));
        if (id && !latencies.has(id)) latencies.set(id, { id: m.ID, ms: Date.parse(m.Created) - instantOf.get(id) });
      }
      return { have: latencies.size, want: N };
    },
    180_000,
  );
  const platform = [...latencies.values()].map((l) => l.ms);
  // Cross-check: the delivery row's delivered time of each level-1 e-mail.
  const rows = (
    await db.query(
      `SELECT i.escalation_id, d.updated_at FROM notifications.deliveries d
         JOIN notifications.inbox_items i ON i.notification_id = d.notification_id
        WHERE d.channel = 'email' AND d.status = 'delivered' AND i.level = 1 AND i.escalation_id = ANY($1)
          AND i.recipient_staff_id = $2`,
      [[...instantOf.keys()], assigneeStaffId],
    )
  ).rows;
  const recorded = rows.map((r) => r.updated_at.getTime() - instantOf.get(r.escalation_id));
  log(`\n  ${summary('overdue → e-mail in Mailpit', platform)}`);
  log(`  ${summary('cross-check: overdue → delivery row marked delivered', recorded)}`);
  lines.push(
    `bench:escalation (N=${N}, spacing ${SPACING} ms)`,
    `  ${summary('baseline, direct SMTP at the instant', baseline)}`,
    `  ${summary('platform, overdue instant → e-mail in Mailpit', platform)}`,
    `  ${summary('cross-check, overdue instant → delivery recorded', recorded)}`,
    `ratio overdue-to-mail-p99/direct-smtp-p99 = ${(pct(platform, 99) / Math.max(1, pct(baseline, 99))).toFixed(1)}`,
  );
} finally {
  await b.stopServices(procs);
  await db.end();
}
for (const l of lines) log(l);
