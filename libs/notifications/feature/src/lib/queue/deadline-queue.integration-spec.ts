import type { EntityManager } from 'typeorm';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import {
  createEvent,
  deadlineDueEvent,
  deadlineExtendedEvent,
  deadlineOverdueEvent,
  deadlineSatisfiedEvent,
  deadlineWarningEvent,
  type CloudEvent,
  type EventDefinition,
} from '@linkages/shared-contracts';
import {
  DeadlineQueueEventEntity,
  DeadlineQueueItemEntity,
  DeadlineQueueRepository,
  OrganisationRepository,
  StaffAssignmentEntity,
  notificationsEntities,
  notificationsMigrations,
} from '@linkages/notifications-data-access';
import { resolveRole, type Person, type Unit } from '@linkages/notifications-domain';
import type { z } from 'zod';
import { deadlineEventHandlers } from '../escalation/deadline-event.handlers';
import type { EscalationProcesses } from '../escalation/escalation-processes';
import { AssignWorkCommand } from '../organisation/assign-work.command';
import { DeadlineQueueRecorder } from './deadline-queue.recorder';
import { failureOf, principal as p, recordEscalation, uuid } from './deadline-queue.spec-helper';
import { DeadlineQueueViews } from './deadline-queue.view';
import { deadlineQueueQuery } from './deadline-queue.schemas';
import { ListDeadlineQueueQuery } from './list-deadline-queue.query';
import { ReadDeadlineQueueItemQuery } from './read-deadline-queue-item.query';
import { ReassignDeadlineCommand } from './reassign-deadline.command';

const county = '06085';
const cwsSup = p('it-queue:cws-sup', 'cws.supervisor', 'cws');
const w1 = p('it-queue:cws-w1', 'cws.worker', 'cws');
const w2 = p('it-queue:cws-w2', 'cws.worker', 'cws');
const calSup = p('it-queue:cal-sup', 'calworks.supervisor', 'calworks');
const farSup = p('it-queue:far-sup', 'cws.supervisor', 'cws', '06001');
const id = (x: Principal | string) => staffIdOf(typeof x === 'string' ? x : x.subject);

const person = (subject: string, over: Partial<Person>): Person => ({
  staffId: id(subject),
  displayName: `${subject.split(':')[1]} (fictional)`,
  agency: 'cws',
  countyCode: county,
  unitId: 'itq-er',
  absences: [],
  channels: { email: false, webhook: false },
  ...over,
});
const people: Person[] = [
  person(cwsSup.subject, {}),
  person(w1.subject, {}),
  person(w2.subject, {}),
  person('it-queue:cws-mgr', {}),
  person('it-queue:cws-mod', {}),
  person('it-queue:cws-absent', {
    absences: [{ absenceId: 'a1', from: '2026-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z', reasonCode: 'leave' }],
  }),
  person(calSup.subject, { agency: 'calworks', unitId: 'itq-wtw' }),
  person('it-queue:cal-w', { agency: 'calworks', unitId: 'itq-wtw' }),
  person(farSup.subject, { countyCode: '06001', unitId: 'itq-far' }),
];
const unit = (unitId: string, over: Partial<Unit>): Unit => ({
  unitId,
  name: unitId,
  agency: 'cws',
  countyCode: county,
  supervisorId: id(cwsSup),
  managerId: id('it-queue:cws-mgr'),
  managerOnDutyId: id('it-queue:cws-mod'),
  programs: ['child-welfare'],
  ...over,
});
const units: Unit[] = [
  unit('itq-er', {}),
  unit('itq-wtw', {
    agency: 'calworks',
    supervisorId: id(calSup),
    managerId: id(calSup),
    managerOnDutyId: id(calSup),
    programs: ['calworks', 'referrals'],
  }),
  unit('itq-far', { countyCode: '06001', supervisorId: id(farSup), managerId: id(farSup), managerOnDutyId: id(farSup) }),
];

/** The deadlines of the spec (letters as in the assertions). */
const D = { A: uuid(), B: uuid(), C: uuid(), D: uuid(), E: uuid(), F: uuid(), G: uuid(), H: uuid() };
const refs = { r1: `referral/${uuid()}`, r2: `referral/${uuid()}` };
const family = uuid();

const noProcesses = {
  notice: async () => undefined,
  start: async () => undefined,
  deadlineChanged: async () => undefined,
} as unknown as EscalationProcesses;

describe('the deadline queue: read model, list, read, re-assign (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-deadline-queue', entities: notificationsEntities, migrations: notificationsMigrations });
  const organisation = new OrganisationRepository();
  const queue = new DeadlineQueueRepository();
  const entries: AuditEntry[] = [];
  const audit = { append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog;
  const handlers = deadlineEventHandlers(noProcesses, new DeadlineQueueRecorder(queue, organisation));
  const views = new DeadlineQueueViews(organisation);
  const list = () => new ListDeadlineQueueQuery(db.ds, queue, views, audit);
  const read = () => new ReadDeadlineQueueItemQuery(db.ds, queue, views, audit);
  const reassign = () =>
    new ReassignDeadlineCommand(db.ds, queue, organisation, new AssignWorkCommand(db.ds, organisation, audit), views, audit);
  const ctx = (principal: Principal) => ({ principal, correlationId: 'it-deadline-queue' });
  const q = (over: Record<string, string> = {}) => deadlineQueueQuery.parse(over);
  const ids = (r: { items: { deadlineId: string }[] }) =>
    r.items.map((i) => Object.entries(D).find(([, v]) => v === i.deadlineId)?.[0] ?? i.deadlineId);

  /** Hands one event to its handler inside a transaction, as the inbox consumer does. */
  const deliver = async (event: CloudEvent<Record<string, unknown>>) => {
    const registration = handlers.find((h) => h.event.type === event.type);
    if (!registration) throw new Error(`no handler for ${event.type}`);
    await db.ds.transaction((tx: EntityManager) => registration.handle(event, tx));
  };
  const event = <S extends z.ZodObject>(
    def: EventDefinition<S>,
    payload: z.input<S>,
    time: string,
    over: { id?: string; countyCode?: string; service?: string } = {},
  ) =>
    createEvent(def, payload, {
      service: over.service ?? 'child-welfare',
      countyCode: over.countyCode ?? county,
      correlationId: 'it-deadline-queue',
      time: new Date(time),
      ...(over.id ? { id: over.id } : {}),
    }) as CloudEvent<Record<string, unknown>>;
  const base = (deadlineId: string, ruleId: string, subjectRef: string, dueAt: string, ownerService = 'child-welfare' as const) => ({
    deadlineId,
    familyId: family,
    ruleId,
    citation: 'WIC 16501(f)',
    subjectRef,
    ownerService: ownerService as 'child-welfare' | 'calworks',
    dueAt,
    explanation: `Due ${dueAt}: rule ${ruleId}, no closed days skipped`,
  });
  const urgentPolicy = {
    ownedBy: 'notifications' as const,
    ladder: [{ level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT1H' }],
    policy: {
      windows: 'clock-hours' as const,
      businessHours: { start: '08:00', end: '17:00' },
      legallyUrgent: true,
      acknowledgmentExpiry: 'PT4H',
    },
  };
  /** An overdue event of the deadline a second after it fell due (overdue since then, at level 0). */
  const overdue = (
    deadline: ReturnType<typeof base>,
    more: { escalation?: typeof urgentPolicy } = {},
    over: { id?: string; countyCode?: string; service?: string } = {},
  ) =>
    event(
      deadlineOverdueEvent,
      { ...deadline, overdueSince: deadline.dueAt, escalationLevel: 0, ...more },
      new Date(Date.parse(deadline.dueAt) + 1000).toISOString(),
      over,
    );
  const escalate = async (
    deadlineId: string,
    steps: {
      status: 'open' | 'acknowledged';
      level: number;
      kind: 'started' | 'level-raised' | 'acknowledged';
      recipients?: string[];
      at: string;
    }[],
    next: { level: number; role: string; at: string } | null,
  ) =>
    recordEscalation(
      db.ds,
      await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId }),
      steps.map(({ recipients, ...s }) => ({ ...s, detail: recipients ? { recipients } : {} })),
      next,
    );

  let escalationOfA = '';
  const redelivered = uuid();

  beforeAll(async () => {
    await db.ds.transaction(async (tx) => {
      await organisation.seed(tx, people, units, new Date('2026-01-01T00:00:00Z'));
      await organisation.assign(tx, {
        countyCode: county,
        ownerService: 'child-welfare',
        subjectRef: refs.r1,
        staffId: id(w1),
        reason: 'caseload',
        by: id(cwsSup),
        at: '2026-01-01T00:00:00Z',
      });
      await organisation.assign(tx, {
        countyCode: county,
        ownerService: 'child-welfare',
        subjectRef: refs.r2,
        staffId: id(w2),
        reason: 'caseload',
        by: id(cwsSup),
        at: '2026-01-01T00:00:00Z',
      });
    });
    // A: an immediate response overdue (legally urgent) whose escalation is open at level 2 (w1 then w2 notified).
    await deliver(
      overdue(base(D.A, 'cws.er.immediate-response', `${refs.r1}/response`, '2026-11-30T08:00:00Z'), { escalation: urgentPolicy }),
    );
    // B: a case plan overdue (days), nobody assigned; its overdue arrives before its earlier warning (out of order).
    await deliver(overdue(base(D.B, 'cws.case.plan-30-day', `case/${uuid()}`, '2026-11-20T08:00:00Z'), {}, { id: redelivered }));
    await deliver(
      event(
        deadlineWarningEvent,
        { ...base(D.B, 'cws.case.plan-30-day', `case/${uuid()}`, '2026-11-20T08:00:00Z'), stage: 1, remaining: 'P3D' },
        '2026-11-17T08:00:00Z',
      ),
    );
    // C: due (w2's referral).
    await deliver(event(deadlineDueEvent, base(D.C, 'cws.er.response-10-day', refs.r2, '2026-12-01T08:00:00Z'), '2026-12-01T08:00:00Z'));
    // D: a court deadline due soon (hours left: legally urgent); E: due soon in days, earlier, then extended (arriving first).
    await deliver(
      event(
        deadlineWarningEvent,
        { ...base(D.D, 'cws.court.detention-hearing', `case/${uuid()}`, '2026-12-20T08:00:00Z'), stage: 1, remaining: 'PT12H' },
        '2026-12-01T20:00:00Z',
      ),
    );
    await deliver(
      event(
        deadlineExtendedEvent,
        {
          ...base(D.E, 'cws.er.response-10-day', `referral/${uuid()}`, '2026-12-10T08:00:00Z'),
          previousDueAt: '2026-12-04T08:00:00Z',
          reasonCode: 'continuance-good-cause',
          extendedBy: id(cwsSup),
          direction: 'later',
        },
        '2026-12-01T12:00:00Z',
      ),
    );
    await deliver(
      event(
        deadlineWarningEvent,
        { ...base(D.E, 'cws.er.response-10-day', `referral/${uuid()}`, '2026-12-04T08:00:00Z'), stage: 1, remaining: 'P3D' },
        '2026-12-01T08:00:00Z',
      ),
    );
    // F: a CalWORKs sanction deadline overdue, its escalation acknowledged.
    await deliver(
      overdue(
        base(D.F, 'calworks.wtw.sanction-notice', `episode/${uuid()}`, '2026-11-28T08:00:00Z', 'calworks' as 'child-welfare'),
        {},
        { service: 'calworks' },
      ),
    );
    // G: met. H: overdue in another county.
    await deliver(
      event(
        deadlineWarningEvent,
        { ...base(D.G, 'cws.er.response-10-day', `referral/${uuid()}`, '2026-12-03T08:00:00Z'), stage: 1, remaining: 'P3D' },
        '2026-11-30T08:00:00Z',
      ),
    );
    await deliver(
      event(
        deadlineSatisfiedEvent,
        {
          ...base(D.G, 'cws.er.response-10-day', `referral/${uuid()}`, '2026-12-03T08:00:00Z'),
          satisfiedAt: '2026-12-01T08:00:00Z',
          satisfiedBy: id(w1),
          late: false,
        },
        '2026-12-01T08:00:00Z',
      ),
    );
    await deliver(overdue(base(D.H, 'cws.er.response-10-day', `referral/${uuid()}`, '2026-11-29T08:00:00Z'), {}, { countyCode: '06001' }));
    escalationOfA = await escalate(
      D.A,
      [
        { status: 'open', level: 0, kind: 'started', at: '2026-11-30T08:00:02Z' },
        { status: 'open', level: 1, kind: 'level-raised', recipients: [id(w1)], at: '2026-11-30T08:00:03Z' },
        { status: 'open', level: 2, kind: 'level-raised', recipients: [id(w2)], at: '2026-11-30T09:00:03Z' },
      ],
      { level: 3, role: 'manager', at: '2026-11-30T11:00:03Z' },
    );
    await escalate(
      D.F,
      [
        { status: 'open', level: 0, kind: 'started', at: '2026-11-28T08:00:02Z' },
        { status: 'open', level: 1, kind: 'level-raised', recipients: [id('it-queue:cal-w')], at: '2026-11-28T08:00:03Z' },
        { status: 'acknowledged', level: 1, kind: 'acknowledged', at: '2026-11-28T09:00:00Z' },
      ],
      { level: 2, role: 'supervisor', at: '2026-11-29T09:00:00Z' },
    );
  });
  beforeEach(() => void entries.splice(0));

  describe('the read model', () => {
    it('appends nothing for a redelivered event (its CloudEvent id)', async () => {
      const before = await db.ds.manager.countBy(DeadlineQueueEventEntity, { deadlineId: D.B });
      await deliver(overdue(base(D.B, 'cws.case.plan-30-day', `case/${uuid()}`, '2026-11-20T08:00:00Z'), {}, { id: redelivered }));
      expect(before).toBe(2);
      expect(await db.ds.manager.countBy(DeadlineQueueEventEntity, { deadlineId: D.B })).toBe(2);
    });

    it('keeps the later state and the latest due instant whatever the arrival order', async () => {
      const b = await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.B });
      expect(b).toMatchObject({ state: 'overdue', assigneeStaffId: null, unitId: 'itq-er', program: 'cws-case', agency: 'cws' });
      const e = await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.E });
      expect(e.state).toBe('due-soon');
      expect(e.dueAt.toISOString()).toBe('2026-12-10T08:00:00.000Z');
      const g = await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.G });
      expect(g.state).toBe('met');
      const a = await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.A });
      expect(a).toMatchObject({ legallyUrgent: true, assigneeStaffId: id(w1), unitId: 'itq-er', program: 'cws-emergency-response' });
      const events = await queue.eventsOf(db.ds.manager, D.E);
      expect(events.map((x) => [x.kind, x.detail])).toEqual([
        ['warning', { stage: 1, remaining: 'P3D', dueAt: '2026-12-04T08:00:00Z' }],
        [
          'extended',
          { from: '2026-12-04T08:00:00Z', to: '2026-12-10T08:00:00Z', reasonCode: 'continuance-good-cause', dueAt: '2026-12-10T08:00:00Z' },
        ],
      ]);
    });
  });

  describe('GET /deadline-queue', () => {
    it('lists a supervisor’s agency in their county, most urgent first, and audits the call', async () => {
      const page = await list().execute(ctx(cwsSup), q());
      expect(ids(page)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((i) => i.state)).toEqual(['escalated', 'overdue', 'due', 'due-soon', 'due-soon']);
      expect(page.items[0]).toEqual({
        deadlineId: D.A,
        familyId: family,
        countyCode: county,
        agency: 'cws',
        ownerService: 'child-welfare',
        program: 'cws-emergency-response',
        ruleId: 'cws.er.immediate-response',
        citation: 'WIC 16501(f)',
        subjectRef: `${refs.r1}/response`,
        dueAt: '2026-11-30T08:00:00.000Z',
        explanation: 'Due 2026-11-30T08:00:00Z: rule cws.er.immediate-response, no closed days skipped',
        state: 'escalated',
        legallyUrgent: true,
        assignee: { staffId: id(w1), displayName: 'cws-w1 (fictional)' },
        unitId: 'itq-er',
        escalation: {
          escalationId: escalationOfA,
          status: 'open',
          level: 2,
          next: { level: 3, role: 'manager', at: '2026-11-30T11:00:03Z' },
          nextRecipients: [{ staffId: id('it-queue:cws-mgr'), displayName: 'cws-mgr (fictional)' }],
        },
      });
      expect(entries.splice(0)).toEqual([
        expect.objectContaining({
          action: 'read',
          recordType: 'deadline-queue',
          recordCounty: county,
          purpose: 'list-deadline-queue',
          outcome: 'allowed',
          details: { count: 5, filters: { state: ['due-soon', 'due', 'overdue', 'escalated', 'acknowledged'], limit: 50, paged: false } },
        }),
      ]);
    });

    it('shows nothing of another agency or county to a supervisor; a worker sees their own and what notified them', async () => {
      expect(ids(await list().execute(ctx(calSup), q()))).toEqual(['F']);
      expect((await list().execute(ctx(calSup), q())).items[0]).toMatchObject({
        state: 'acknowledged',
        agency: 'calworks',
        program: 'calworks-welfare-to-work',
      });
      expect(ids(await list().execute(ctx(farSup), q()))).toEqual(['H']);
      expect(ids(await list().execute(ctx(w1), q()))).toEqual(['A']);
      expect(ids(await list().execute(ctx(w2), q()))).toEqual(['A', 'C']);
      expect(ids(await list().execute(ctx(p('it-queue:nobody', 'cws.worker', 'cws')), q()))).toEqual([]);
    });

    it('filters by state, worker, unit, program, rule and agency', async () => {
      const sup = (over: Record<string, string>) => list().execute(ctx(cwsSup), q(over));
      expect(ids(await sup({ state: 'met' }))).toEqual(['G']);
      expect(ids(await sup({ state: 'escalated,acknowledged' }))).toEqual(['A']);
      expect(ids(await sup({ staffId: id(w1) }))).toEqual(['A']);
      expect(ids(await sup({ unitId: 'itq-er' }))).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(ids(await sup({ unitId: 'itq-wtw' }))).toEqual([]);
      expect(ids(await sup({ program: 'cws-emergency-response' }))).toEqual(['A', 'C', 'E']);
      expect(ids(await sup({ ruleId: 'cws.court.detention-hearing' }))).toEqual(['D']);
      expect(ids(await sup({ agency: 'calworks' }))).toEqual([]);
      expect(ids(await sup({ agency: 'cws', state: 'due-soon' }))).toEqual(['D', 'E']);
      expect(deadlineQueueQuery.safeParse({ state: 'late' }).success).toBe(false);
      expect(deadlineQueueQuery.safeParse({ limit: '201' }).success).toBe(false);
      expect(deadlineQueueQuery.safeParse({ colour: 'red' }).success).toBe(false);
    });

    it('pages with the opaque cursor, without gaps or repeats', async () => {
      const first = await list().execute(ctx(cwsSup), q({ limit: '2' }));
      expect(ids(first)).toEqual(['A', 'B']);
      const second = await list().execute(ctx(cwsSup), q({ limit: '2', cursor: first.nextCursor ?? '' }));
      expect(ids(second)).toEqual(['C', 'D']);
      const third = await list().execute(ctx(cwsSup), q({ limit: '2', cursor: second.nextCursor ?? '' }));
      expect(ids(third)).toEqual(['E']);
      expect(third.nextCursor).toBeNull();
      expect(await failureOf(list().execute(ctx(cwsSup), q({ cursor: 'bm90LWEtY3Vyc29y' })))).toEqual({ status: 400, slug: 'validation' });
    });
  });

  describe('GET /deadline-queue/{deadlineId}', () => {
    it('merges the deadline’s events and its escalation’s entries, oldest first', async () => {
      const r = await read().execute(ctx(cwsSup), D.A);
      expect(r.item.deadlineId).toBe(D.A);
      expect(r.timeline.map((t) => [t.at, t.kind, t.level])).toEqual([
        ['2026-11-30T08:00:01.000Z', 'overdue', undefined],
        ['2026-11-30T08:00:02.000Z', 'started', undefined],
        ['2026-11-30T08:00:03.000Z', 'level-raised', 1],
        ['2026-11-30T09:00:03.000Z', 'level-raised', 2],
      ]);
      expect(r.timeline[0]?.detail).toEqual({ overdueSince: '2026-11-30T08:00:00Z', escalationLevel: 0, dueAt: '2026-11-30T08:00:00Z' });
      expect(r.timeline[2]?.detail).toEqual({ recipients: [id(w1)], escalationId: escalationOfA });
      const e = await read().execute(ctx(cwsSup), D.E);
      expect(e.timeline.map((t) => t.kind)).toEqual(['warning', 'extended']);
      expect(entries.splice(0).map((x) => [x.action, x.recordType, x.recordId, x.outcome])).toEqual([
        ['read', 'deadline', D.A, 'allowed'],
        ['read', 'deadline', D.E, 'allowed'],
      ]);
    });

    it('is 404 when absent or not the caller’s to see, audited', async () => {
      expect(await failureOf(read().execute(ctx(calSup), D.A))).toEqual({ status: 404, slug: 'not-found' });
      expect(await failureOf(read().execute(ctx(farSup), D.A))).toEqual({ status: 404, slug: 'not-found' });
      expect(await failureOf(read().execute(ctx(cwsSup), uuid()))).toEqual({ status: 404, slug: 'not-found' });
      expect(entries.splice(0).map((x) => [x.action, x.outcome])).toEqual([
        ['deny', 'denied'],
        ['deny', 'denied'],
        ['deny', 'denied'],
      ]);
    });
  });

  describe('POST /deadline-queue/{deadlineId}/reassign', () => {
    it('re-assigns through the assignment table: the item shows the new assignee and the ladder resolves them', async () => {
      const item = await reassign().execute(ctx(cwsSup), D.B, { staffId: id(w2), reason: 'w2 knows the family' });
      expect(item).toMatchObject({
        deadlineId: D.B,
        assignee: { staffId: id(w2), displayName: 'cws-w2 (fictional)' },
        unitId: 'itq-er',
      });
      const b = await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.B });
      expect(await db.ds.manager.findOneBy(StaffAssignmentEntity, { subjectRef: b.subjectRef })).toMatchObject({
        staffId: id(w2),
        assignedBy: id(cwsSup),
        reason: 'w2 knows the family',
      });
      const snap = await organisation.snapshot(db.ds.manager, county, 'cws', new Date().toISOString());
      const resolved = resolveRole(snap, {
        subject: {
          escalationId: uuid(),
          deadlineId: D.B,
          familyId: family,
          countyCode: county,
          ownerService: 'child-welfare',
          ruleId: b.ruleId,
          citation: b.citation,
          subjectRef: b.subjectRef,
          dueAt: b.dueAt.toISOString(),
          overdueSince: b.dueAt.toISOString(),
        },
        level: 1,
        role: 'assigned-worker',
        at: new Date().toISOString(),
        legallyUrgent: false,
      });
      expect(resolved.recipients.map((r) => r.staffId)).toEqual([id(w2)]);
      expect(ids(await list().execute(ctx(w2), q()))).toEqual(['A', 'B', 'C']);
      expect(
        entries
          .splice(0)
          .filter((e) => e.action === 'update')
          .map((e) => [e.recordType, e.purpose, e.reason ?? null, e.outcome]),
      ).toEqual([
        ['staff-assignment', 'assign work', null, 'allowed'],
        ['deadline', 'reassign-deadline', 'w2 knows the family', 'allowed'],
      ]);
      // On its timeline (never folded into its state): a later event keeps it overdue and with the new assignee.
      const { timeline } = await read().execute(ctx(cwsSup), D.B);
      expect(timeline.filter((t) => t.kind === 'reassigned').map((t) => t.detail)).toEqual([
        { staffId: id(w2), previousStaffId: null, by: id(cwsSup) },
      ]);
      await deliver(
        event(deadlineDueEvent, base(D.B, 'cws.case.plan-30-day', b.subjectRef, '2026-11-20T08:00:00Z'), '2026-11-20T08:00:00Z'),
      );
      expect(await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.B })).toMatchObject({
        state: 'overdue',
        assigneeStaffId: id(w2),
      });
    });

    it('refuses an assignee of another county or agency, absent, or unknown (422), a non-supervisor (403), an unseen deadline (404)', async () => {
      const to = (staffId: string) => reassign().execute(ctx(cwsSup), D.C, { staffId, reason: 'balance' });
      const notEligible = { status: 422, slug: 'assignee-not-eligible' };
      expect(await failureOf(to(id(farSup)))).toEqual(notEligible);
      expect(await failureOf(to(id('it-queue:cal-w')))).toEqual(notEligible);
      expect(await failureOf(to(id('it-queue:cws-absent')))).toEqual(notEligible);
      expect(await failureOf(to(uuid()))).toEqual(notEligible);
      expect(await failureOf(reassign().execute(ctx(w1), D.A, { staffId: id(w2), reason: 'swap' }))).toEqual({
        status: 403,
        slug: 'not-your-unit',
      });
      expect(await failureOf(reassign().execute(ctx(calSup), D.A, { staffId: id('it-queue:cal-w'), reason: 'x' }))).toEqual({
        status: 404,
        slug: 'not-found',
      });
      expect(await failureOf(reassign().execute(ctx(cwsSup), uuid(), { staffId: id(w2), reason: 'x' }))).toEqual({
        status: 404,
        slug: 'not-found',
      });
      expect((await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.C })).assigneeStaffId).toBe(id(w2));
      expect((await db.ds.manager.findOneByOrFail(DeadlineQueueItemEntity, { deadlineId: D.A })).assigneeStaffId).toBe(id(w1));
      expect(entries.splice(0).map((e) => [e.action, e.outcome])).toEqual(Array(7).fill(['deny', 'denied']));
    });
  });
});
