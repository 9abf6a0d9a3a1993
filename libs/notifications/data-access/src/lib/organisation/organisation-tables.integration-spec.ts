import { migratedSchema } from '@linkages/platform-persistence-testing';
import { stableUuid } from '@linkages/platform-access';
import { organisationSpecFixtures, type Person } from '@linkages/notifications-domain';
import { organisationEntities, organisationMigrations, OrganisationRepository, StaffPersonEntity, StaffUnitEntity } from './index';

const id = (n: string) => stableUuid('org-tables-spec', n);
const person = (n: string, extra: Partial<Person> = {}): Person =>
  organisationSpecFixtures.personFixture(id(n), { displayName: `${n} (test)`, unitId: 'cws-er-1', ...extra });
const unit = organisationSpecFixtures.unitFixture(id, {
  unitId: 'cws-er-1',
  name: 'ER unit 1',
  managerOnDutyId: id('mgr'),
  intakeWorkerId: id('worker'),
});
delete unit.afterHoursCoverId;

describe('organisation tables (real PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-organisation-tables', entities: organisationEntities, migrations: organisationMigrations });
  const repo = new OrganisationRepository();

  it('the migration makes what the entities map', async () => {
    const drift = await db.expectNoDrift();
    expect(await db.tables()).toEqual(expect.arrayContaining(['staff_assignments', 'staff_people', 'staff_units']));
    expect(drift).toBeDefined();
  });

  it('seeds what is missing, never overwrites an edit, and reads a county snapshot with the assignments made by then', async () => {
    const ds = db.ds;
    const now = new Date('2026-12-01T18:00:00Z');
    await ds.transaction((tx) => repo.seed(tx, [person('worker', { email: 'w@example.org' }), person('sup'), person('mgr')], [unit], now));
    await ds.query(`UPDATE ${db.s}.staff_people SET display_name = 'edited', source = 'api' WHERE staff_id = $1`, [id('sup')]);
    const again = await ds.transaction((tx) => repo.seed(tx, [person('worker'), person('sup'), person('mgr')], [unit], now));
    expect(again).toEqual({ people: 0, units: 0 });
    await ds.transaction((tx) =>
      repo.assign(tx, {
        countyCode: '06085',
        ownerService: 'child-welfare',
        subjectRef: 'referral/abc',
        staffId: id('worker'),
        reason: 'intake',
        by: id('sup'),
        at: '2026-12-01T19:00:00Z',
      }),
    );
    const before = await repo.snapshot(ds.manager, '06085', 'cws', '2026-12-01T18:30:00Z');
    const after = await repo.snapshot(ds.manager, '06085', 'cws', '2026-12-01T19:30:00Z');
    expect(before.people.map((p) => p.displayName).sort()).toEqual(['edited', 'mgr (test)', 'worker (test)']);
    expect(before.units).toHaveLength(1);
    expect(before.assignments).toHaveLength(0);
    expect(after.assignments).toEqual([expect.objectContaining({ subjectRef: 'referral/abc', staffId: id('worker') })]);
    expect(await repo.snapshot(ds.manager, '06037', 'cws', '2026-12-01T19:30:00Z')).toEqual({ people: [], units: [], assignments: [] });
    expect(await repo.contactOf(ds.manager, id('worker'))).toEqual({
      staffId: id('worker'),
      agency: 'cws',
      countyCode: '06085',
      email: 'w@example.org',
      channels: { email: true, webhook: false },
    });
    expect(await repo.contactOf(ds.manager, id('nobody'))).toBeNull();
  });
  it('writes API edits as source api, refuses a second insert of one staff id, and the seeder then leaves both alone', async () => {
    const ds = db.ds;
    const now = new Date('2026-12-03T18:00:00Z');
    const added = person('added', { quietHours: { start: '20:00', end: '07:00' } });
    expect(await ds.transaction((tx) => repo.insertPerson(tx, added, now))).toBe(true);
    expect(await ds.transaction((tx) => repo.insertPerson(tx, { ...added, displayName: 'again' }, now))).toBe(false);
    expect(await repo.personById(ds.manager, id('added'))).toEqual(added);
    await ds.transaction(async (tx) => {
      await repo.lockScope(tx, '06085', 'cws');
      await repo.savePerson(tx, { ...(await repo.personById(tx, id('worker')))!, displayName: 'renamed', email: undefined }, now);
      await repo.saveUnit(tx, { ...(await repo.unitById(tx, 'cws-er-1'))!, name: 'renamed unit', afterHoursCoverId: id('mgr') }, now);
    });
    const rows = await ds.manager.find(StaffPersonEntity, { where: [{ staffId: id('worker') }, { staffId: id('added') }] });
    expect(rows.map((r) => r.source)).toEqual(['api', 'api']);
    expect((await ds.manager.findOneByOrFail(StaffUnitEntity, { unitId: 'cws-er-1' })).source).toBe('api');
    expect(await ds.transaction((tx) => repo.seed(tx, [person('worker'), person('added')], [unit], now))).toEqual({ people: 0, units: 0 });
    expect(await repo.personById(ds.manager, id('worker'))).toMatchObject({ displayName: 'renamed' });
    expect((await repo.personById(ds.manager, id('worker')))?.email).toBeUndefined();
    expect(await repo.unitById(ds.manager, 'cws-er-1')).toMatchObject({ name: 'renamed unit', afterHoursCoverId: id('mgr') });
    expect(await repo.unitById(ds.manager, 'nope')).toBeNull();
  });
});
