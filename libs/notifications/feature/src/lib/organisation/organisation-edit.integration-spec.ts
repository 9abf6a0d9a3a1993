import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { HttpException } from '@nestjs/common';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { repoRoot } from '@linkages/platform-config';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import type { AuditEntry, AuditLog } from '@linkages/platform-audit';
import { organisationEntities, organisationMigrations, OrganisationRepository } from '@linkages/notifications-data-access';
import { createOrganisationActivities } from '@linkages/notifications-activities';
import { decideChannel, ESCALATION_ZONE, organisationSpecFixtures, type Person } from '@linkages/notifications-domain';
import { AssignWorkCommand } from './assign-work.command';
import { CreatePersonCommand } from './create-person.command';
import { EndAbsenceCommand } from './end-absence.command';
import { OrganisationEdit } from './organisation-edit';
import { OrganisationSeeder } from './organisation.seeder';
import { ReadPreferencesQuery } from './read-preferences.query';
import { RecordAbsenceCommand } from './record-absence.command';
import { UpdatePersonCommand } from './update-person.command';
import { UpdatePreferencesCommand } from './update-preferences.command';
import { UpdateUnitCommand } from './update-unit.command';

const principal = (username: string, role: Principal['roles'][number], agency: Principal['agency'], county = '06085'): Principal => ({
  subject: `demo:${username}`,
  roles: [role],
  agency,
  county,
});
const supervisor = principal('cws-supervisor', 'cws.supervisor', 'cws');
const worker = principal('cws-worker', 'cws.worker', 'cws');
const admin = principal('admin', 'admin', 'platform');
const ids = {
  worker: staffIdOf('demo:cws-worker'),
  supervisor: staffIdOf('demo:cws-supervisor'),
  manager: staffIdOf('demo:cws-manager'),
  laWorker: staffIdOf('demo:la-cws-worker'),
  calworksWorker: staffIdOf('demo:calworks-worker'),
  newcomer: staffIdOf('demo:new-cws-worker'),
  er2Supervisor: staffIdOf('test:er2-supervisor'),
};
const ctx = (p: Principal, correlationId = 'it-org-edit') => ({ principal: p, correlationId });

/** The problem a use case refused with: its status and slug. */
const refusal = async (p: Promise<unknown>) => {
  const e = (await p.then(
    () => undefined,
    (err: unknown) => err,
  )) as HttpException | undefined;
  if (!e?.getStatus) return undefined;
  const type = (e.getResponse() as { type?: string }).type ?? '';
  return `${e.getStatus()} ${type.slice(type.lastIndexOf('/') + 1)}`;
};

describe('organisation edits and preferences (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-organisation-edit', entities: organisationEntities, migrations: organisationMigrations });
  const repo = new OrganisationRepository();
  const entries: AuditEntry[] = [];
  const audit = { append: async (e: AuditEntry) => void entries.push(e) } as unknown as AuditLog;
  let edit: OrganisationEdit;

  /** Every row of the organisation, as text: equal before and after means nothing changed. */
  const state = async () =>
    (
      (await db.ds.query(
        `SELECT (SELECT count(*) FROM ${db.s}.staff_people) AS people, (SELECT count(*) FROM ${db.s}.staff_units) AS units,
                (SELECT string_agg(p::text, '|' ORDER BY staff_id) FROM ${db.s}.staff_people p) AS p,
                (SELECT string_agg(u::text, '|' ORDER BY unit_id) FROM ${db.s}.staff_units u) AS u`,
      )) as unknown[]
    )[0];
  /** Runs refusals and proves each changed nothing and was audited as denied. */
  const expectRefused = async (cases: [() => Promise<unknown>, string][]) => {
    const before = await state();
    for (const [run, expected] of cases) {
      const audited = entries.length;
      expect(await refusal(run())).toBe(expected);
      expect(entries.slice(audited)).toEqual([
        expect.objectContaining({ action: 'deny', outcome: 'denied', details: { refusal: expected.split(' ')[1] } }),
      ]);
    }
    expect(await state()).toEqual(before);
  };
  const sourceOf = async (table: 'staff_people' | 'staff_units', key: string, id: string) =>
    ((await db.ds.query(`SELECT source FROM ${db.s}.${table} WHERE ${key} = $1`, [id])) as { source: string }[])[0]?.source;

  beforeAll(async () => {
    await new OrganisationSeeder(db.ds, repo, join(repoRoot(), 'infra', 'local', 'organisation.json')).seed();
    // A second Santa Clara CWS unit with its own supervisor, for moves between units.
    const er2Sup = organisationSpecFixtures.personFixture(ids.er2Supervisor, {
      unitId: 'scc-cws-er-2',
      displayName: 'ER 2 supervisor (test)',
    });
    const er2 = organisationSpecFixtures.unitFixture(() => ids.er2Supervisor, {
      unitId: 'scc-cws-er-2',
      name: 'ER 2',
      programs: ['referrals'],
    });
    await db.ds.transaction((tx) =>
      repo.seed(tx, [er2Sup], [{ ...er2, managerId: ids.manager, managerOnDutyId: ids.manager }], new Date()),
    );
    edit = new OrganisationEdit(db.ds, repo, audit);
  });
  beforeEach(() => {
    entries.length = 0;
  });

  it('adds a person to a unit of the caller’s county and agency, audited with ids only; refuses a duplicate, a foreign or unknown unit, a platform caller', async () => {
    const create = new CreatePersonCommand(edit);
    const body = {
      subject: 'demo:new-cws-worker',
      displayName: 'Alex Newcomer (test)',
      email: 'alex.newcomer@example.org',
      unitId: 'scc-cws-er-1',
    };
    const person = await create.execute(ctx(supervisor), body);
    expect(person).toEqual({
      staffId: ids.newcomer,
      displayName: body.displayName,
      email: body.email,
      agency: 'cws',
      countyCode: '06085',
      unitId: 'scc-cws-er-1',
      absences: [],
      channels: { email: true, webhook: false },
    });
    expect(await repo.personById(db.ds.manager, ids.newcomer)).toEqual(person);
    expect(await sourceOf('staff_people', 'staff_id', ids.newcomer)).toBe('api');
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'create',
        recordType: 'staff-person',
        recordId: ids.newcomer,
        recordCounty: '06085',
        outcome: 'allowed',
        details: { unitId: 'scc-cws-er-1' },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Newcomer|example\.org/);

    await expectRefused([
      [() => create.execute(ctx(supervisor), body), '409 person-exists'],
      [() => create.execute(ctx(supervisor), { ...body, subject: 'demo:other', unitId: 'scc-calworks-wtw-1' }), '404 unit-not-found'],
      [() => create.execute(ctx(supervisor), { ...body, subject: 'demo:other', unitId: 'la-cws-er-1' }), '404 unit-not-found'],
      [() => create.execute(ctx(supervisor), { ...body, subject: 'demo:other', unitId: 'no-such-unit' }), '404 unit-not-found'],
      [() => create.execute(ctx(admin), { ...body, subject: 'demo:other' }), '404 unit-not-found'],
    ]);
  });

  it('changes a person’s name, e-mail, unit and channels; refuses an unknown or foreign person, a foreign unit and a move that takes a supervisor out of their unit', async () => {
    const update = new UpdatePersonCommand(edit);
    const moved = await update.execute(ctx(supervisor), ids.newcomer, {
      displayName: 'Alex Moved (test)',
      email: null,
      unitId: 'scc-cws-er-2',
      channels: { email: false, webhook: true },
    });
    expect(moved).toMatchObject({
      staffId: ids.newcomer,
      displayName: 'Alex Moved (test)',
      unitId: 'scc-cws-er-2',
      channels: { email: false, webhook: true },
    });
    expect(moved.email).toBeUndefined();
    expect(await repo.personById(db.ds.manager, ids.newcomer)).toEqual(moved);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'update',
        recordType: 'staff-person',
        recordId: ids.newcomer,
        outcome: 'allowed',
        details: { changed: ['displayName', 'email', 'unitId', 'channels'], unitId: 'scc-cws-er-2' },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Alex');

    await expectRefused([
      [() => update.execute(ctx(supervisor), staffIdOf('demo:nobody'), { displayName: 'x' }), '404 not-found'],
      [() => update.execute(ctx(supervisor), ids.laWorker, { displayName: 'x' }), '404 not-found'],
      [() => update.execute(ctx(supervisor), ids.calworksWorker, { displayName: 'x' }), '404 not-found'],
      [() => update.execute(ctx(supervisor), ids.worker, { unitId: 'scc-calworks-wtw-1' }), '404 unit-not-found'],
      [() => update.execute(ctx(supervisor), ids.supervisor, { unitId: 'scc-cws-er-2' }), '422 organisation-invalid'],
      [() => update.execute(ctx(admin), ids.worker, { displayName: 'x' }), '404 not-found'],
    ]);
    const invalid = await update
      .execute(ctx(supervisor), ids.supervisor, { unitId: 'scc-cws-er-2' })
      .catch((e: HttpException) => e.getResponse());
    expect(invalid).toMatchObject({ problems: [`unit scc-cws-er-1: supervisorId ${ids.supervisor} is not in the unit`] });
  });

  it('changes a unit’s name and holders; refuses a holder unknown, of another county or agency, a supervisor outside the unit, a foreign or unknown unit', async () => {
    const update = new UpdateUnitCommand(edit);
    const unit = await update.execute(ctx(supervisor), 'scc-cws-er-2', {
      name: 'ER 2 renamed',
      managerOnDutyId: ids.supervisor,
      afterHoursCoverId: null,
    });
    expect(unit).toMatchObject({
      unitId: 'scc-cws-er-2',
      name: 'ER 2 renamed',
      managerOnDutyId: ids.supervisor,
      supervisorId: ids.er2Supervisor,
    });
    expect(unit.afterHoursCoverId).toBeUndefined();
    expect(await repo.unitById(db.ds.manager, 'scc-cws-er-2')).toEqual(unit);
    expect(await sourceOf('staff_units', 'unit_id', 'scc-cws-er-2')).toBe('api');
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'update',
        recordType: 'staff-unit',
        recordId: 'scc-cws-er-2',
        outcome: 'allowed',
        details: { changed: ['name', 'managerOnDutyId', 'afterHoursCoverId'], managerOnDutyId: ids.supervisor, afterHoursCoverId: null },
      }),
    ]);

    await expectRefused([
      [() => update.execute(ctx(supervisor), 'scc-cws-er-1', { managerId: staffIdOf('demo:nobody') }), '404 person-not-found'],
      [() => update.execute(ctx(supervisor), 'scc-cws-er-1', { managerOnDutyId: ids.laWorker }), '422 person-not-assignable'],
      [() => update.execute(ctx(supervisor), 'scc-cws-er-1', { afterHoursCoverId: ids.calworksWorker }), '422 person-not-assignable'],
      [() => update.execute(ctx(supervisor), 'scc-cws-er-1', { supervisorId: ids.er2Supervisor }), '422 organisation-invalid'],
      [() => update.execute(ctx(supervisor), 'scc-calworks-wtw-1', { name: 'x' }), '404 not-found'],
      [() => update.execute(ctx(supervisor), 'la-cws-er-1', { name: 'x' }), '404 not-found'],
      [() => update.execute(ctx(supervisor), 'no-such-unit', { name: 'x' }), '404 not-found'],
    ]);
  });

  it('records an absence: the resolver skips the newly absent supervisor to the cover; ending it brings them back; refusals change nothing', async () => {
    const record = new RecordAbsenceCommand(edit);
    const end = new EndAbsenceCommand(edit);
    const resolve = createOrganisationActivities({ dataSource: db.ds, organisation: repo }).resolveRecipients;
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const day = 86_400_000;
    const req = organisationSpecFixtures.resolveRequestFixture('supervisor', { at: at(60_000) });
    expect((await resolve(req)).recipients).toEqual([{ staffId: ids.supervisor, role: 'supervisor', via: 'direct' }]);

    const body = { from: at(-3_600_000), to: at(7 * day), coverId: ids.manager, reasonCode: 'leave' };
    const made = await record.execute(ctx(supervisor), ids.supervisor, body, now);
    expect(made).toEqual({
      staffId: ids.supervisor,
      absence: { absenceId: expect.any(String), from: body.from, to: body.to, coverId: ids.manager, reasonCode: 'leave' },
    });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'create',
        recordType: 'staff-absence',
        recordId: made.absence.absenceId,
        outcome: 'allowed',
        details: { staffId: ids.supervisor, coverId: ids.manager },
      }),
    ]);
    expect((await resolve(req)).recipients).toEqual([
      { staffId: ids.manager, role: 'supervisor', via: 'coverage', skipped: ids.supervisor, reason: `absent leave until ${body.to}` },
    ]);

    await expectRefused([
      [() => record.execute(ctx(supervisor), ids.supervisor, { ...body, from: at(day), to: at(2 * day) }, now), '409 absence-overlaps'],
      [() => record.execute(ctx(supervisor), ids.worker, { ...body, coverId: ids.worker }, now), '422 cover-not-available'],
      [() => record.execute(ctx(supervisor), ids.worker, { ...body, coverId: ids.supervisor }, now), '422 cover-not-available'],
      [() => record.execute(ctx(supervisor), ids.worker, { ...body, coverId: ids.laWorker }, now), '422 person-not-assignable'],
      [() => record.execute(ctx(supervisor), ids.worker, { ...body, coverId: staffIdOf('demo:nobody') }, now), '404 person-not-found'],
      [() => record.execute(ctx(supervisor), ids.laWorker, { ...body, coverId: undefined }, now), '404 not-found'],
      [() => record.execute(ctx(admin), ids.worker, { ...body, coverId: undefined }, now), '404 not-found'],
      [() => end.execute(ctx(supervisor), ids.supervisor, globalThis.crypto.randomUUID(), now), '404 not-found'],
    ]);

    const later = new Date(now.getTime() + 2 * 3_600_000);
    const ended = await end.execute(ctx(supervisor), ids.supervisor, made.absence.absenceId, later);
    expect(ended.absence).toEqual({ ...made.absence, to: later.toISOString(), endedAt: later.toISOString() });
    expect(entries.at(-1)).toMatchObject({
      action: 'update',
      recordType: 'staff-absence',
      recordId: made.absence.absenceId,
      outcome: 'allowed',
    });
    expect((await resolve({ ...req, at: at(3 * 3_600_000) })).recipients).toEqual([
      { staffId: ids.supervisor, role: 'supervisor', via: 'direct' },
    ]);
    // Before it was ended it still covered (a level raised then keeps its recipient).
    expect((await resolve(req)).recipients[0]).toMatchObject({ staffId: ids.manager, via: 'coverage' });

    await expectRefused([[() => end.execute(ctx(supervisor), ids.supervisor, made.absence.absenceId, later), '409 absence-not-open']]);
    // An absence that has not begun is withdrawn: it ends where it starts.
    const future = await record.execute(ctx(supervisor), ids.worker, { from: at(3 * day), to: at(4 * day), reasonCode: 'training' }, later);
    const withdrawn = await end.execute(ctx(supervisor), ids.worker, future.absence.absenceId, later);
    expect(withdrawn.absence).toMatchObject({ from: future.absence.from, to: future.absence.from, endedAt: later.toISOString() });
    expect((await repo.personById(db.ds.manager, ids.worker))?.absences).toHaveLength(1);
  });

  it('reads and sets the caller’s own preferences, audited; a caller not in the organisation gets 404 and changes nothing', async () => {
    const read = new ReadPreferencesQuery(db.ds, repo);
    const update = new UpdatePreferencesCommand(edit);
    expect(await read.execute(worker)).toEqual({
      staffId: ids.worker,
      quietHours: null,
      channels: { email: true, webhook: false },
      timeZone: ESCALATION_ZONE,
      legallyUrgent: expect.stringContaining('go to your coverage at once'),
    });
    const set = await update.execute(ctx(worker), {
      quietHours: { start: '20:00', end: '07:00' },
      channels: { email: true, webhook: true },
    });
    expect(set).toMatchObject({
      staffId: ids.worker,
      quietHours: { start: '20:00', end: '07:00' },
      channels: { email: true, webhook: true },
    });
    expect(await read.execute(worker)).toEqual(set);
    expect(await sourceOf('staff_people', 'staff_id', ids.worker)).toBe('api');
    expect(entries).toEqual([
      expect.objectContaining({ action: 'update', recordType: 'staff-preferences', recordId: ids.worker, outcome: 'allowed', details: {} }),
    ]);
    const cleared = await update.execute(ctx(worker), { quietHours: null, channels: { email: true, webhook: false } });
    expect(cleared.quietHours).toBeNull();
    expect((await repo.personById(db.ds.manager, ids.worker))?.quietHours).toBeUndefined();

    expect(await refusal(read.execute(admin))).toBe('404 not-found');
    await expectRefused([
      [() => update.execute(ctx(admin), { quietHours: null, channels: { email: false, webhook: false } }), '404 not-found'],
    ]);
  });

  it('quiet hours: a legally urgent level goes to the coverage at once; for an ordinary level the e-mail is not sent (the inbox still is)', async () => {
    const update = new UpdatePreferencesCommand(edit);
    await update.execute(ctx(worker), { quietHours: { start: '20:00', end: '07:00' }, channels: { email: true, webhook: false } });
    const familyId = globalThis.crypto.randomUUID();
    await new AssignWorkCommand(db.ds, repo, audit).execute(ctx(supervisor), {
      ownerService: 'child-welfare',
      familyId,
      staffId: ids.worker,
      reason: 'intake',
    });
    const resolve = createOrganisationActivities({ dataSource: db.ds, organisation: repo }).resolveRecipients;
    // 22:00 on the next Wednesday in Santa Clara, inside 20:00–07:00: after the assignment just made (now), so the
    // assignment holds at that instant (the fixed WED_22 fixture is in the past from 2026-12-03 on).
    let wednesday = DateTime.now().setZone(ESCALATION_ZONE).plus({ days: 1 }).set({ hour: 22, minute: 0, second: 0, millisecond: 0 });
    while (wednesday.weekday !== 3) wednesday = wednesday.plus({ days: 1 });
    const night = wednesday.toUTC().toISO()!;
    const base = organisationSpecFixtures.resolveRequestFixture('assigned-worker', { at: night });
    const req = { ...base, subject: { ...base.subject, familyId } };

    const urgent = await resolve({ ...req, legallyUrgent: true });
    expect(urgent.recipients[0]).toEqual({
      staffId: ids.supervisor,
      role: 'assigned-worker',
      via: 'quiet-hours-coverage',
      skipped: ids.worker,
      reason: 'quiet hours 20:00–07:00, legally urgent',
    });
    const ordinary = await resolve(req);
    expect(ordinary.recipients).toEqual([{ staffId: ids.worker, role: 'assigned-worker', via: 'direct' }]);

    const contact = (await repo.contactOf(db.ds.manager, ids.worker))!;
    expect(contact.quietHours).toEqual({ start: '20:00', end: '07:00' });
    expect(decideChannel('email', { legallyUrgent: false, at: night }, contact, ESCALATION_ZONE)).toEqual({
      send: false,
      detail: 'quiet-hours',
    });
    expect(decideChannel('in-app', { legallyUrgent: false, at: night }, contact, ESCALATION_ZONE)).toEqual({ send: true });
    expect(decideChannel('email', { legallyUrgent: false, at: organisationSpecFixtures.WED_10 }, contact, ESCALATION_ZONE)).toEqual({
      send: true,
    });
    expect(decideChannel('email', { legallyUrgent: true, at: night }, contact, ESCALATION_ZONE)).toEqual({ send: true });
  });

  it('never lets the seeder overwrite an edited row', async () => {
    const before = (await repo.personById(db.ds.manager, ids.newcomer)) as Person;
    const inserted = await new OrganisationSeeder(db.ds, repo, join(repoRoot(), 'infra', 'local', 'organisation.json')).seed();
    expect(inserted).toEqual({ people: 0, units: 0 });
    expect(await repo.personById(db.ds.manager, ids.newcomer)).toEqual(before);
    expect(await repo.unitById(db.ds.manager, 'scc-cws-er-2')).toMatchObject({ name: 'ER 2 renamed' });
  });
});
