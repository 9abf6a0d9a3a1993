import { migratedSchema } from '@linkages/platform-persistence-testing';
import type { Principal } from '@linkages/platform-access';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import {
  DeadlineQueueItemEntity,
  DeadlineQueueRepository,
  TimelinessReportRepository,
  notificationsEntities,
  notificationsMigrations,
} from '@linkages/notifications-data-access';
import { programOf, type DeadlineQueueState } from '@linkages/notifications-domain';
import { problemOf as failureOf, principal as p, recordEscalation, uuid } from '../queue/deadline-queue.spec-helper';
import { TimelinessReportQueryHandler } from './timeliness-report.query';
import { timelinessReportQuery } from './timeliness-report.schemas';

const county = '06085';
const cwsSup = p('it-reports:cws-sup', 'cws.supervisor', 'cws');
const calSup = p('it-reports:cal-sup', 'calworks.supervisor', 'calworks');
const farSup = p('it-reports:far-sup', 'cws.supervisor', 'cws', '06001');
const worker = p('it-reports:cws-w', 'cws.worker', 'cws');

const R1 = 'cws.er.response-10-day';
const R2 = 'cws.court.detention-hearing';
// "now" of every report: 2 December 2026, noon UTC.
const now = new Date('2026-12-02T12:00:00Z');

describe('the timeliness report (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-timeliness-report', entities: notificationsEntities, migrations: notificationsMigrations });
  const queue = new DeadlineQueueRepository();
  const entries: AuditEntry[] = [];
  const audit = { append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog;
  const handler = () => new TimelinessReportQueryHandler(db.ds, new TimelinessReportRepository(), audit);
  const report = (principal: Principal, over: Record<string, string> = {}) =>
    handler().execute({ principal, correlationId: 'it-timeliness-report' }, timelinessReportQuery.parse(over), now);

  /** One deadline in the queue's read model as the recorder writes it; a met one with its satisfied event. */
  const deadline = async (d: {
    ruleId: string;
    unitId: string | null;
    dueAt: string;
    state: DeadlineQueueState;
    met?: { at: string; late: boolean };
    countyCode?: string;
    ownerService?: string;
  }) => {
    const deadlineId = uuid();
    const ownerService = d.ownerService ?? 'child-welfare';
    const item = Object.assign(new DeadlineQueueItemEntity(), {
      deadlineId,
      familyId: uuid(),
      countyCode: d.countyCode ?? county,
      ownerService,
      agency: ownerService === 'child-welfare' ? 'cws' : 'calworks',
      program: programOf(d.ruleId),
      ruleId: d.ruleId,
      citation: 'WIC 16501(f)',
      subjectRef: `referral/${uuid()}`,
      dueAt: new Date(d.dueAt),
      explanation: null,
      state: d.state,
      legallyUrgent: false,
      assigneeStaffId: null,
      unitId: d.unitId,
      updatedAt: now,
    });
    await db.ds.transaction(async (tx) => {
      await queue.upsertItem(tx, item);
      await queue.appendEvent(tx, { eventId: uuid(), deadlineId, at: new Date(d.dueAt), kind: 'due', detail: { dueAt: d.dueAt } });
      if (d.met)
        await queue.appendEvent(tx, {
          eventId: uuid(),
          deadlineId,
          at: new Date(Date.parse(d.met.at) + 1000),
          kind: 'satisfied',
          detail: { satisfiedAt: d.met.at, late: d.met.late, dueAt: d.dueAt },
        });
    });
    return item;
  };
  /** An escalation of the deadline, its entries recorded as the workflow's recordEscalation does. */
  const escalate = async (
    item: DeadlineQueueItemEntity,
    steps: { kind: 'started' | 'level-raised' | 'acknowledged' | 'reopened'; level: number; at: string }[],
  ) => {
    await recordEscalation(
      db.ds,
      item,
      steps.map((s) => ({ ...s, status: s.kind === 'acknowledged' ? ('acknowledged' as const) : ('open' as const) })),
      null,
    );
  };

  beforeAll(async () => {
    // R1, October: A1 on time; A2 12 h late (acknowledged after 120 min); A3 48 h late (levels 1–3, first
    // acknowledged after 1530 min, again after re-opening); C1 due in September, met 288 h late on 2 October.
    await deadline({
      ruleId: R1,
      unitId: 'itr-a',
      dueAt: '2026-10-05T16:00:00Z',
      state: 'met',
      met: { at: '2026-10-04T16:00:00Z', late: false },
    });
    const a2 = await deadline({
      ruleId: R1,
      unitId: 'itr-a',
      dueAt: '2026-10-10T16:00:00Z',
      state: 'met',
      met: { at: '2026-10-11T04:00:00Z', late: true },
    });
    await escalate(a2, [
      { kind: 'started', level: 0, at: '2026-10-10T16:00:00Z' },
      { kind: 'level-raised', level: 1, at: '2026-10-10T16:00:01Z' },
      { kind: 'acknowledged', level: 1, at: '2026-10-10T18:00:00Z' },
    ]);
    const a3 = await deadline({
      ruleId: R1,
      unitId: 'itr-b',
      dueAt: '2026-10-20T16:00:00Z',
      state: 'met',
      met: { at: '2026-10-22T16:00:00Z', late: true },
    });
    await escalate(a3, [
      { kind: 'started', level: 0, at: '2026-10-20T16:00:00Z' },
      { kind: 'level-raised', level: 1, at: '2026-10-20T16:00:01Z' },
      { kind: 'level-raised', level: 2, at: '2026-10-21T16:00:00Z' },
      { kind: 'acknowledged', level: 2, at: '2026-10-21T17:30:00Z' },
      { kind: 'reopened', level: 3, at: '2026-10-22T10:00:00Z' },
      { kind: 'acknowledged', level: 3, at: '2026-10-22T11:00:00Z' },
    ]);
    await deadline({
      ruleId: R1,
      unitId: 'itr-a',
      dueAt: '2026-09-20T16:00:00Z',
      state: 'met',
      met: { at: '2026-10-02T16:00:00Z', late: true },
    });
    // R1, November: B1 open overdue (692 h by now; acknowledged after 45 min); N1 of no unit, on time.
    const b1 = await deadline({ ruleId: R1, unitId: 'itr-a', dueAt: '2026-11-03T16:00:00Z', state: 'overdue' });
    await escalate(b1, [
      { kind: 'started', level: 0, at: '2026-11-03T16:00:00Z' },
      { kind: 'level-raised', level: 1, at: '2026-11-03T16:00:01Z' },
      { kind: 'acknowledged', level: 1, at: '2026-11-03T16:45:00Z' },
    ]);
    await deadline({
      ruleId: R1,
      unitId: null,
      dueAt: '2026-11-20T16:00:00Z',
      state: 'met',
      met: { at: '2026-11-20T15:00:00Z', late: false },
    });
    // R1, December: D1 due yesterday, open (20 h); C3 due next week (not fallen due: not counted).
    await deadline({ ruleId: R1, unitId: 'itr-a', dueAt: '2026-12-01T16:00:00Z', state: 'due' });
    await deadline({ ruleId: R1, unitId: 'itr-a', dueAt: '2026-12-10T16:00:00Z', state: 'due-soon' });
    // R2, October: A4 open overdue (1220 h), climbed to level 3, never acknowledged; B3 due 31 October 20:00 in
    // Los Angeles (1 November UTC), met 2 h late.
    const a4 = await deadline({ ruleId: R2, unitId: 'itr-a', dueAt: '2026-10-12T16:00:00Z', state: 'overdue' });
    await escalate(a4, [
      { kind: 'started', level: 0, at: '2026-10-12T16:00:00Z' },
      { kind: 'level-raised', level: 1, at: '2026-10-12T16:00:01Z' },
      { kind: 'level-raised', level: 2, at: '2026-10-13T16:00:00Z' },
      { kind: 'level-raised', level: 3, at: '2026-10-14T16:00:00Z' },
    ]);
    await deadline({
      ruleId: R2,
      unitId: 'itr-b',
      dueAt: '2026-11-01T03:00:00Z',
      state: 'met',
      met: { at: '2026-11-01T05:00:00Z', late: true },
    });
    // R2, November: B2 on time.
    await deadline({
      ruleId: R2,
      unitId: 'itr-b',
      dueAt: '2026-11-15T08:00:00Z',
      state: 'met',
      met: { at: '2026-11-15T07:00:00Z', late: false },
    });
    // Never in the CWS supervisor's report: open overdue before the period, cancelled, another county, CalWORKs.
    await deadline({ ruleId: R1, unitId: 'itr-a', dueAt: '2026-09-25T16:00:00Z', state: 'overdue' });
    await deadline({ ruleId: R1, unitId: 'itr-a', dueAt: '2026-10-15T16:00:00Z', state: 'cancelled' });
    await deadline({
      ruleId: R1,
      unitId: 'itr-far',
      dueAt: '2026-10-15T16:00:00Z',
      state: 'met',
      met: { at: '2026-10-14T16:00:00Z', late: false },
      countyCode: '06001',
    });
    await deadline({
      ruleId: 'calworks.wtw.sanction-notice',
      unitId: 'itr-wtw',
      dueAt: '2026-10-08T16:00:00Z',
      state: 'overdue',
      ownerService: 'calworks',
    });
  });

  it('by rule and month (the default grouping): every figure', async () => {
    const r = await report(cwsSup, { from: '2026-10', to: '2026-12' });
    expect(r).toMatchObject({
      from: '2026-10',
      to: '2026-12',
      groupBy: ['rule', 'month'],
      timeZone: 'America/Los_Angeles',
      generatedAt: now.toISOString(),
    });
    expect(r.rows).toEqual([
      {
        key: { ruleId: R2, month: '2026-10' },
        deadlines: 2,
        met: 1,
        metOnTime: 0,
        metLate: 1,
        openOverdue: 1,
        onTimePct: 0,
        // [2, 1220]: median 611; p90 2 + 0.9 × 1218.
        latenessHours: { median: 611, p90: 1098.2 },
        acknowledgeMinutes: null,
        highestLevel: 3,
        escalated: 1,
      },
      {
        key: { ruleId: R2, month: '2026-11' },
        deadlines: 1,
        met: 1,
        metOnTime: 1,
        metLate: 0,
        openOverdue: 0,
        onTimePct: 100,
        latenessHours: null,
        acknowledgeMinutes: null,
        highestLevel: 0,
        escalated: 0,
      },
      {
        key: { ruleId: R1, month: '2026-10' },
        deadlines: 4,
        met: 4,
        metOnTime: 1,
        metLate: 3,
        openOverdue: 0,
        onTimePct: 25,
        // [12, 48, 288]: median 48; p90 48 + 0.8 × 240.
        latenessHours: { median: 48, p90: 240 },
        // [120, 1530]: median 825; p90 120 + 0.9 × 1410.
        acknowledgeMinutes: { median: 825, p90: 1389 },
        highestLevel: 3,
        escalated: 2,
      },
      {
        key: { ruleId: R1, month: '2026-11' },
        deadlines: 2,
        met: 1,
        metOnTime: 1,
        metLate: 0,
        openOverdue: 1,
        onTimePct: 50,
        latenessHours: { median: 692, p90: 692 },
        acknowledgeMinutes: { median: 45, p90: 45 },
        highestLevel: 1,
        escalated: 1,
      },
      {
        key: { ruleId: R1, month: '2026-12' },
        deadlines: 1,
        met: 0,
        metOnTime: 0,
        metLate: 0,
        openOverdue: 1,
        onTimePct: 0,
        latenessHours: { median: 20, p90: 20 },
        acknowledgeMinutes: null,
        highestLevel: 0,
        escalated: 0,
      },
    ]);
    expect(entries.at(-1)).toMatchObject({
      action: 'read',
      recordType: 'timeliness-report',
      recordId: null,
      recordCounty: county,
      purpose: 'timeliness-report',
      outcome: 'allowed',
      details: { from: '2026-10', to: '2026-12', groupBy: ['rule', 'month'], filters: {}, rows: 5 },
    });
  });

  it('by unit: a deadline of no unit last', async () => {
    const r = await report(cwsSup, { from: '2026-10', to: '2026-12', groupBy: 'unit' });
    expect(r.rows).toEqual([
      {
        key: { unitId: 'itr-a' },
        deadlines: 6,
        met: 3,
        metOnTime: 1,
        metLate: 2,
        openOverdue: 3,
        onTimePct: 16.7,
        // [12, 20, 288, 692, 1220]: median 288; p90 692 + 0.6 × 528.
        latenessHours: { median: 288, p90: 1008.8 },
        // [45, 120]: median 82.5; p90 45 + 0.9 × 75.
        acknowledgeMinutes: { median: 82.5, p90: 112.5 },
        highestLevel: 3,
        escalated: 3,
      },
      {
        key: { unitId: 'itr-b' },
        deadlines: 3,
        met: 3,
        metOnTime: 1,
        metLate: 2,
        openOverdue: 0,
        onTimePct: 33.3,
        latenessHours: { median: 25, p90: 43.4 },
        acknowledgeMinutes: { median: 1530, p90: 1530 },
        highestLevel: 3,
        escalated: 1,
      },
      {
        key: { unitId: null },
        deadlines: 1,
        met: 1,
        metOnTime: 1,
        metLate: 0,
        openOverdue: 0,
        onTimePct: 100,
        latenessHours: null,
        acknowledgeMinutes: null,
        highestLevel: 0,
        escalated: 0,
      },
    ]);
  });

  it('months are the county’s: a deadline due 31 October in Los Angeles (1 November UTC) is October’s', async () => {
    const counts = (r: { rows: { key: { month?: string; countyCode?: string }; deadlines: number }[] }) =>
      r.rows.map((x) => [x.key.countyCode, x.key.month, x.deadlines]);
    expect(counts(await report(cwsSup, { from: '2026-10', to: '2026-12', groupBy: 'county,month' }))).toEqual([
      [county, '2026-10', 6],
      [county, '2026-11', 3],
      [county, '2026-12', 1],
    ]);
    expect(counts(await report(cwsSup, { from: '2026-11', to: '2026-11', groupBy: 'month' }))).toEqual([[undefined, '2026-11', 3]]);
  });

  it('filters by rule, unit and program', async () => {
    const brief = (r: { rows: { key: object; deadlines: number; met: number; metOnTime: number }[] }) =>
      r.rows.map((x) => [x.key, x.deadlines, x.met, x.metOnTime]);
    expect(brief(await report(cwsSup, { from: '2026-10', to: '2026-12', groupBy: 'month', ruleId: R2 }))).toEqual([
      [{ month: '2026-10' }, 2, 1, 0],
      [{ month: '2026-11' }, 1, 1, 1],
    ]);
    expect(brief(await report(cwsSup, { from: '2026-10', to: '2026-12', groupBy: 'rule', unitId: 'itr-b' }))).toEqual([
      [{ ruleId: R2 }, 2, 2, 1],
      [{ ruleId: R1 }, 1, 1, 0],
    ]);
    expect(brief(await report(cwsSup, { from: '2026-10', to: '2026-12', groupBy: 'rule', program: 'cws-court' }))).toEqual([
      [{ ruleId: R2 }, 3, 2, 1],
    ]);
    expect(entries.at(-1)?.details).toMatchObject({ filters: { program: 'cws-court' }, rows: 1 });
  });

  it('scope: the supervisor’s county and agency only', async () => {
    const cal = await report(calSup, { from: '2026-10', to: '2026-12', groupBy: 'rule' });
    expect(cal.rows.map((x) => [x.key, x.deadlines, x.openOverdue])).toEqual([[{ ruleId: 'calworks.wtw.sanction-notice' }, 1, 1]]);
    const far = await report(farSup, { from: '2026-10', to: '2026-12', groupBy: 'rule,unit' });
    expect(far.rows.map((x) => [x.key, x.deadlines, x.metOnTime])).toEqual([[{ ruleId: R1, unitId: 'itr-far' }, 1, 1]]);
  });

  it('the default period: the last six months through the current one', async () => {
    const r = await report(cwsSup);
    expect([r.from, r.to]).toEqual(['2026-07', '2026-12']);
    // September is in the period now: C1 counts there (the month it fell due), with the one still open overdue.
    expect(r.rows.find((x) => x.key.ruleId === R1 && x.key.month === '2026-09')).toMatchObject({
      deadlines: 2,
      met: 1,
      metLate: 1,
      openOverdue: 1,
    });
    expect(r.rows.find((x) => x.key.ruleId === R1 && x.key.month === '2026-10')).toMatchObject({ deadlines: 3, met: 3 });
  });

  it('403 for a worker (audited as refused); 400 for bad parameters', async () => {
    expect(await failureOf(report(worker, { from: '2026-10' }))).toMatchObject({ status: 403, slug: 'reports-supervisors-only' });
    expect(entries.at(-1)).toMatchObject({ action: 'deny', outcome: 'denied', recordType: 'timeliness-report' });
    expect(await failureOf(report(cwsSup, { from: '2026-11', to: '2026-10' }))).toMatchObject({
      status: 400,
      slug: 'validation',
      fields: ['query.from'],
    });
    expect(await failureOf(report(cwsSup, { from: '2024-10', to: '2026-10' }))).toMatchObject({
      status: 400,
      slug: 'validation',
      fields: ['query.to'],
    });
    for (const bad of [
      { from: '2026-13' },
      { to: '2026-1' },
      { groupBy: 'rule,team' },
      { groupBy: '' },
      { unitId: 'A B' },
      { county: '06085' },
    ])
      expect(timelinessReportQuery.safeParse(bad).success).toBe(false);
    expect(timelinessReportQuery.parse({ groupBy: 'month, rule,month' }).groupBy).toEqual(['month', 'rule']);
  });
});
