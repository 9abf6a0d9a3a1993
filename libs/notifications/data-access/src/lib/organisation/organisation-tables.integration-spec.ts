import { migratedSchema } from '@linkages/platform-persistence-testing';
import { stableUuid } from '@linkages/platform-access';
import type { Person, Unit } from '@linkages/notifications-domain';
import { organisationEntities, organisationMigrations, OrganisationRepository } from './index';

const id = (n: string) => stableUuid('org-tables-spec', n);
const person = (n: string, extra: Partial<Person> = {}): Person => ({
  staffId: id(n),
  displayName: `${n} (test)`,
  agency: 'cws',
  countyCode: '06085',
  unitId: 'cws-er-1',
  absences: [],
  channels: { email: true, webhook: false },
  ...extra,
});
const unit: Unit = {
  unitId: 'cws-er-1',
  name: 'ER unit 1',
  agency: 'cws',
  countyCode: '06085',
  supervisorId: id('sup'),
  managerId: id('mgr'),
  managerOnDutyId: id('mgr'),
  intakeWorkerId: id('worker'),
  programs: ['child-welfare'],
};

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
});
