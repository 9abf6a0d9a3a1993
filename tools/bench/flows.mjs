#!/usr/bin/env node
// npm run bench:flows [-- --n 200 --concurrency 16 --warmup 10 --keep]
// On the local stack, in one run, with the real processes from dist/ (calworks API + worker, child-welfare worker):
// (1) raw starts: N client.workflow.start calls of frAidWindowWorkflow on the calworks task queue, `concurrency` in
// flight, with the input the inbox handler builds (the baseline; run before and after the flow, averaged);
// (2) the flow: N child-removed events written through child welfare's outbox (OutboxWriter, one transaction each,
// `concurrency` in flight), relayed to Kafka by the child-welfare worker, consumed by the CalWORKs worker's inbox and
// turned into started `calworks/fr-aid-window/<removalId>` workflows for AUs created first through POST /assistance-units.
// Throughput of both = N / (last workflow start time in Temporal − first call), cross-checked against the client's
// own clock and Temporal's count API; event-written (outbox created_at) → workflow-started (visibility start time,
// sampled against describe()) p50/p99. Last line: `ratio flows/raw-starts = <number>`. A benchmark: asserts nothing.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv } from '../stack/lib.mjs';
import * as b from './flows-lib.mjs';

const require = createRequire(import.meta.url);
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const N = arg('--n', 200);
const C = arg('--concurrency', 16);
const WARMUP = arg('--warmup', 10);
const KEEP = process.argv.includes('--keep');
const OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 700);
const COUNTY = '06085';
const { log, progress, pool, range, pct, rate, sleep } = b;

log(`bench:flows — N=${N}, concurrency ${C}, warm-up ${WARMUP}; bringing up the stack and the build`);
execFileSync(process.execPath, [join(repoRoot, 'tools/stack/cli.mjs'), 'up'], { stdio: 'ignore' });
Object.assign(process.env, serviceEnv());
await ensureBuilt();
const missing = [];
if (!readFileSync(join(repoRoot, 'dist/workflow-bundles/calworks.js'), 'utf8').includes('frAidWindowWorkflow'))
  missing.push('the calworks workflow bundle has no frAidWindowWorkflow (apps/calworks/src/workflows.ts)');
if (!readFileSync(join(repoRoot, 'dist/apps/calworks/src/worker.module.js'), 'utf8').includes('eventHandlers'))
  missing.push('the calworks worker registers no event handlers (apps/calworks/src/worker.module.ts)');
if (missing.length) {
  log(`bench:flows cannot measure the flow: ${missing.join('; ')}. Rebuild (npm run build) once it is wired.`);
  process.exit(2);
}

const dist = (p) => require(join(repoRoot, 'dist/libs', p, 'src/index.js'));
const { childRemovedEvent, topics } = dist('shared/contracts');
const { OutboxWriter, createKafkaClient } = dist('platform/messaging');
const { createDataSourceOptions, migrateUp } = dist('platform/persistence');
const { createTemporalClient, platformDataConverter, workflowId } = dist('platform/temporal');
const { frSettingsFor } = dist('calworks/domain');
const { DataSource } = require('typeorm');

for (const s of ['child-welfare', 'calworks'])
  await migrateUp(require(join(repoRoot, 'dist/apps', s, 'src/data-source.js')).dataSourceOptions());
const base = createDataSourceOptions(process.env.DATABASE_URL, { schema: 'child_welfare', entities: [], migrations: [] }, 'bench-flows');
const db = await new DataSource({ ...base, extra: { ...base.extra, max: C + 4 } }).initialize();
const writer = new OutboxWriter('child_welfare', 'child-welfare');
const { client, connection } = createTemporalClient({
  address: process.env.TEMPORAL_ADDRESS,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  dataConverter: platformDataConverter(process.env.TEMPORAL_ENCRYPTION_KEYS),
});
const kafka = createKafkaClient({ clientId: 'bench-flows', brokers: process.env.KAFKA_BROKERS.split(',') });
const admin = kafka.admin();
await admin.connect();
const TOPIC = topics.cwsCaseEvents.name;
const GROUP = 'linkages-calworks';

// Ids of this run: removal ids `<tag>-<phase>000-4000-8000-<index>` (UUIDs), so a prefix query finds each phase.
const tag = randomBytes(4).toString('hex');
const removalIdOf = (phase, i) => `${tag}-${phase}000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const prefixOf = (phase = '') => `WorkflowId STARTS_WITH 'calworks/fr-aid-window/${tag}-${phase}'`;
const removedAt = new Date(Date.now() - 3_600_000).toISOString();
log(`  run tag ${tag}: removal ids ${tag}-*, workflows calworks/fr-aid-window/${tag}-*, case numbers BF-${tag}-*`);
const allRemovals = [];
/** The result lines, printed after the cleanup so the ratio is the last line. */
const summary = [''];
const q = (sql, params) => db.query(sql, params);
const countOf = async (sql, params) => Number((await q(sql, params))[0].n);

if ((await admin.describeGroups([GROUP])).groups[0]?.members.length)
  log(`  NOTE: another CalWORKs worker is in the consumer group ${GROUP}: it takes some of the events`);
for (const queue of ['calworks', 'child-welfare'])
  if ((await b.livePollers(client, queue)) > 0)
    log(`  NOTE: another worker polls the ${queue} task queue: it shares the work and the machine`);
let procs = [];
let settle;
try {
  procs = await b.startServices(
    [
      { service: 'calworks', kind: 'api' },
      { service: 'calworks', kind: 'worker' },
      { service: 'child-welfare', kind: 'worker' },
    ],
    { offset: OFFSET, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } },
  );
  log(`  processes ready (ports +${OFFSET}); logs in .stack/logs/bench-flows/`);
  const api = procs[0].url;

  settle = b.settling({ procs, admin, group: GROUP, topic: TOPIC, countOf });
  const { quiesce, drain } = settle;
  await quiesce('waiting for earlier events and clocks to settle');
  log('  settled: outbox sent, consumer caught up, no clock command pending');

  const t = Date.now();
  const aus = await b.createAssistanceUnits(api, await b.token('calworks-worker'), `BF-${tag}`, WARMUP + N);
  log(`  assistance units: ${aus.length} created through POST /assistance-units in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  /** Raw starts: the workflow the handler starts, with the input it builds, `C` calls in flight. */
  async function rawStarts(label, phase, n, { drainAfter = true } = {}) {
    const ids = range(n).map((i) => removalIdOf(phase, i));
    allRemovals.push(...ids);
    const callMs = [];
    const t0 = Date.now();
    await pool(ids, C, async (removalId, i) => {
      const s = performance.now();
      await client.workflow.start('frAidWindowWorkflow', {
        taskQueue: 'calworks',
        workflowId: workflowId('calworks', 'fr-aid-window', removalId),
        args: [
          {
            removalId,
            familyId: randomUUID(),
            caseId: randomUUID(),
            childId: randomUUID(),
            countyCode: COUNTY,
            removedAt,
            allChildrenRemoved: true,
            auId: aus[i % aus.length].id,
            reviewId: null,
            settings: frSettingsFor(COUNTY),
          },
        ],
      });
      callMs.push(performance.now() - s);
      if (callMs.length % 10 === 0) progress(`  ${label}: ${callMs.length}/${n} started`);
    });
    const t1 = Date.now();
    const starts = await b.awaitStartTimes(client, prefixOf(phase), n);
    const last = Math.max(...starts.values());
    const { count } = await client.workflow.count(
      `${prefixOf(phase)} AND StartTime >= '${new Date(t0).toISOString()}' AND StartTime <= '${new Date(t1).toISOString()}'`,
    );
    const r = { n, t0, rate: rate(n, last - t0), clientRate: rate(n, t1 - t0), countRate: rate(count, t1 - t0), count, callMs };
    log(
      `  ${label}: ${n} started in ${((last - t0) / 1000).toFixed(2)} s = ${r.rate.toFixed(1)}/s by Temporal's start times; ` +
        `client clock ${r.clientRate.toFixed(1)}/s; count API ${count} in the window = ${r.countRate.toFixed(1)}/s; ` +
        `start call p50 ${pct(callMs, 50).toFixed(0)} ms, p99 ${pct(callMs, 99).toFixed(0)} ms`,
    );
    if (drainAfter) await drain(`${label}: worker finishing`, ids);
    return r;
  }

  /** The flow: child-removed events through the outbox, `C` transactions in flight, until every workflow started. */
  async function flows(label, phase, n, offset) {
    const events = range(n).map((i) => ({
      removalId: removalIdOf(phase, i),
      familyId: randomUUID(),
      childId: randomUUID(),
      caseId: randomUUID(),
      removedAt,
      allChildrenRemoved: true,
      calworksCaseNumber: aus[offset + i].caseNumber,
    }));
    allRemovals.push(...events.map((e) => e.removalId));
    const eventIds = [];
    const ctx = { countyCode: COUNTY, correlationId: `bench-flows-${tag}` };
    const t0 = Date.now();
    await pool(events, C, async (payload) => {
      const event = await db.transaction((tx) => writer.enqueue(tx, childRemovedEvent, payload, ctx));
      eventIds.push(event.id);
      if (eventIds.length % 10 === 0) progress(`  ${label}: ${eventIds.length}/${n} written`);
    });
    const tWritten = Date.now();
    const deadline = Date.now() + Math.max(120_000, n * 200);
    let started = 0;
    while (Date.now() < deadline) {
      b.assertAlive(procs);
      ({ count: started } = await client.workflow.count(prefixOf(phase)));
      if (started >= n) break;
      const sent = await countOf(
        'SELECT count(*) AS n FROM child_welfare.outbox WHERE event_id = ANY($1::uuid[]) AND sent_at IS NOT NULL',
        [eventIds],
      );
      const consumed = await countOf('SELECT count(*) AS n FROM calworks.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])', [
        GROUP,
        eventIds,
      ]);
      progress(`  ${label}: ${n} written, ${sent} relayed, ${consumed} consumed, ${started} workflows started`);
      await sleep(250);
    }
    const tSeen = Date.now();
    if (started < n) throw new Error(`${label}: only ${started}/${n} workflows started within ${((tSeen - t0) / 1000).toFixed(0)} s`);
    const starts = await b.awaitStartTimes(client, prefixOf(phase), n);
    const rows = await q('SELECT event_id, created_at, sent_at FROM child_welfare.outbox WHERE event_id = ANY($1::uuid[])', [eventIds]);
    let inbox = [];
    for (const until = Date.now() + 15_000; inbox.length < n && Date.now() < until; await sleep(200))
      inbox = await q('SELECT event_id, processed_at FROM calworks.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])', [
        GROUP,
        eventIds,
      ]);
    const byEvent = new Map(rows.map((r) => [r.event_id, r]));
    const pace = await b.consumerPace(q, GROUP, eventIds);
    const members = (await admin.describeGroups([GROUP])).groups[0]?.members.length ?? 0;
    const latency = eventIds.map((id, i) => {
      const wf = workflowId('calworks', 'fr-aid-window', events[i].removalId);
      return starts.get(wf) - byEvent.get(id).created_at.getTime();
    });
    // Visibility's start time against describe() for a sample.
    const describeDiff = await Promise.all(
      [...starts.entries()]
        .slice(0, 10)
        .map(async ([id, at]) => Math.abs((await client.workflow.getHandle(id).describe()).startTime.getTime() - at)),
    );
    const last = Math.max(...starts.values());
    const maxOf = (xs) => Math.max(...xs.map((x) => x.getTime()));
    const { count } = await client.workflow.count(
      `${prefixOf(phase)} AND StartTime >= '${new Date(t0).toISOString()}' AND StartTime <= '${new Date(tSeen).toISOString()}'`,
    );
    const r = {
      n,
      rate: rate(n, last - t0),
      countRate: rate(count, tSeen - t0),
      count,
      written: rate(n, tWritten - t0),
      relayed: rate(n, maxOf(rows.map((x) => x.sent_at)) - t0),
      consumed: rate(inbox.length, maxOf(inbox.map((x) => x.processed_at)) - t0),
      latency,
      describeDiff: Math.max(...describeDiff),
      pace,
      members,
    };
    log(
      `  ${label}: ${n} workflows started ${((last - t0) / 1000).toFixed(2)} s after the first write = ${r.rate.toFixed(1)}/s; ` +
        `count API ${count} by ${((tSeen - t0) / 1000).toFixed(2)} s (when polling saw them all) = ${r.countRate.toFixed(1)}/s`,
    );
    log(
      `    by stage (N / time from the first write to the stage's last): written ${r.written.toFixed(0)}/s, relayed ${r.relayed.toFixed(0)}/s, ` +
        `consumed ${r.consumed.toFixed(1)}/s (${inbox.length} inbox rows), started ${r.rate.toFixed(1)}/s`,
    );
    log(
      `    consumer: ${pace.partitions} partitions; time per message p50 ${pace.gap.toFixed(0)} ms, p90 ${pace.p90.toFixed(0)} ms, max ${pace.max.toFixed(0)} ms; ≈ ${((r.consumed * pace.gap) / 1000).toFixed(1)} in flight (consumed rate × median time per message); ` +
        `${members} member(s) in ${GROUP}`,
    );
    log(
      `    event written → workflow started: p50 ${pct(latency, 50)} ms, p99 ${pct(latency, 99)} ms, max ${Math.max(...latency)} ms ` +
        `(visibility vs describe() start time, 10 sampled: max difference ${r.describeDiff} ms)`,
    );
    await drain(
      `${label}: worker finishing`,
      events.map((e) => e.removalId),
    );
    return r;
  }

  log('  warm-up (not counted)');
  await flows('warm-up flow', '1', WARMUP, 0);
  await rawStarts('warm-up raw starts', '2', WARMUP);
  log('  measured run');
  const raw1 = await rawStarts('raw starts (before)', 'a', N);
  const flow = await flows('flow', 'b', N, WARMUP);
  const raw2 = await rawStarts('raw starts (after)', 'c', N, { drainAfter: false });

  const rawRate = (raw1.rate + raw2.rate) / 2;
  summary.push(
    `raw starts            ${raw1.rate.toFixed(1)}/s before, ${raw2.rate.toFixed(1)}/s after (baseline ${rawRate.toFixed(1)}/s); ${N} each, ${C} in flight`,
  );
  summary.push(
    `  cross-check         client clock ${raw1.clientRate.toFixed(1)} / ${raw2.clientRate.toFixed(1)}/s; count API ${raw1.countRate.toFixed(1)} / ${raw2.countRate.toFixed(1)}/s`,
  );
  summary.push(`flow                  ${flow.rate.toFixed(1)}/s (${N} events written → ${N} workflows started)`);
  summary.push(`  cross-check         count API ${flow.countRate.toFixed(1)}/s (${flow.count} started by the time polling saw all)`);
  summary.push(
    `  stages              written ${flow.written.toFixed(0)}/s, relayed ${flow.relayed.toFixed(0)}/s, consumed ${flow.consumed.toFixed(1)}/s`,
  );
  summary.push(
    `  consumer            ${flow.pace.partitions} partitions, ${flow.pace.gap.toFixed(0)} ms per message (p90 ${flow.pace.p90.toFixed(0)}, max ${flow.pace.max.toFixed(0)}), ≈ ${((flow.consumed * flow.pace.gap) / 1000).toFixed(1)} in flight (raw starts: ${C}); ${flow.members} member(s) in the group`,
  );
  summary.push(`event → started       p50 ${pct(flow.latency, 50)} ms, p99 ${pct(flow.latency, 99)} ms`);
  if (Math.abs(raw1.rate - raw2.rate) > 0.25 * rawRate)
    summary.push('NOTE: the two baseline runs differ by more than 25%: the machine is busy; run again');
  summary.push(`ratio flows/raw-starts = ${(flow.rate / rawRate).toFixed(3)}`);
} finally {
  if (!KEEP && allRemovals.length) {
    // The processes first (no more steps), then, once the clock commands in flight are applied, their clocks' workflows.
    let n = await b.terminateAll(client, prefixOf(), [], 'bench:flows cleanup').catch(() => 0);
    await settle?.quiesce('cleanup: clock commands in flight', 60_000).catch(() => undefined);
    const deadlines = await q('SELECT deadline_id FROM calworks.tracked_deadlines WHERE subject_id = ANY($1::uuid[])', [allRemovals]).catch(
      () => [],
    );
    const ids = deadlines.map((d) => workflowId('calworks', 'deadline', d.deadline_id));
    n += await b.terminateAll(client, null, ids, 'bench:flows cleanup').catch(() => 0);
    log(`  cleanup: terminated ${n} workflows of this run (rows stay: AUs BF-${tag}-*, removals ${tag}-*)`);
  }
  await b.stopServices(procs);
  await admin.disconnect();
  await db.destroy();
  await connection.close();
}
for (const line of summary) log(line);
