import { migratedSchema } from '@linkages/platform-persistence-testing';
import * as dataAccess from '../../index';
import { referralsEntities, referralsMigrations, referralsMigrationsThrough } from './referral-tables-in-schema';

const nameOf = (m: new () => { name?: string }) => new m().name ?? '';

// The one list of the referrals migrations (what apps/referrals/src/persistence.ts runs) on the real PostgreSQL: every
// migration the lib exports is in it, oldest first; over a fresh schema it makes exactly what every referrals entity
// maps (the drift check tools/migration-drift.mjs runs on the build); each migration reverts.
describe('referralsMigrations and referralsEntities (PostgreSQL)', () => {
  const db = migratedSchema({ name: 'it-referrals-migrations', entities: referralsEntities, migrations: referralsMigrations });
  const { schema, migrations } = db;

  it('holds every referrals migration the lib exports, oldest first, the same over any schema', () => {
    const names = migrations.map(nameOf);
    const exported = Object.entries(dataAccess)
      .filter(([key]) => /^[A-Z][A-Za-z]+\d{13}$/.test(key))
      .map(([, m]) => nameOf(m as new () => { name?: string }));
    expect(exported.length).toBeGreaterThanOrEqual(8);
    expect([...names].sort()).toEqual([...exported].sort());
    const stamps = names.map((n) => Number(/\d{13}$/.exec(n)?.[0]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(referralsMigrations('referrals').map(nameOf)).toEqual(names);
    expect(referralsMigrations('referrals')[0]).toBe(dataAccess.CreateReferralTables1767000000000);
    expect(referralsMigrationsThrough(schema, 'AddConsentScopes1772500000000').map(nameOf)).toEqual(
      names.slice(0, names.indexOf('AddConsentScopes1772500000000') + 1),
    );
    expect(() => referralsMigrationsThrough(schema, 'NoSuch1700000000000')).toThrow(/NoSuch/);
  });

  it('makes what every referrals entity maps (no drift), the prevention tables included', async () => {
    await db.expectNoDrift();
    expect(await db.tables()).toEqual(expect.arrayContaining(['prevention_referrals', 'prevention_referral_members']));
  });

  it('reverts, newest first, to an empty schema', async () => {
    await db.revertAll();
    expect(await db.tables()).toEqual(['typeorm_migrations']);
  }, 60_000);
});
