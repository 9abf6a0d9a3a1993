import { migratedSchema } from '@linkages/platform-persistence-testing';
import { referralsMigrationsThrough } from './referral-tables-in-schema';

// The two migrations of the authority and plan slices on the real PostgreSQL: a referral and its consent recorded
// before them become a shared family (same id, mapped as FamilyResolver maps a typed-in referral) with the consent on
// it; both revert cleanly; the plan's conflict fingerprint is unique per family.
describe('AddLinkagesFamilyToAuthorities1772300000000 and CreateLinkagesPlanTables1772200000000', () => {
  const referralId = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
  const familyId = 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60';
  const authorityId = '0f1e2d3c-4b5a-4697-8887-766554433221';

  // Up to the identity tables, a referral with a consent as the service held them then, then the rest (the coordination tables and the two).
  const db = migratedSchema({
    name: 'it-auth-mig',
    entities: [],
    /** The referrals migrations up to the newer of the two (AddLinkagesFamilyToAuthorities1772300000000). */
    migrations: (schema) => referralsMigrationsThrough(schema, 'AddLinkagesFamilyToAuthorities1772300000000'),
    before: { through: 2, seed: ({ ds }) => seed(ds) },
  });
  const { s, migrations } = db;
  const seed = async (ds: typeof db.ds) => {
    await ds.query(
      `INSERT INTO ${s}.referrals (id, family_id, county_code, status, case_type, cws_case_number, children_removed, allegations, services_recommended, created_by, created_at)
      VALUES ($1, $2, '06085', 'open', 'FR', 'CWS-1', 1, '{}', '{}', 'cws-1', now())`,
      [referralId, familyId],
    );
    await ds.query(
      `INSERT INTO ${s}.sharing_authorities (id, referral_id, county_code, kind, effective_from, expires_at, categories, reference, basis, recorded_by, recorded_at, revoked_at, revoked_by)
      VALUES ($1, $2, '06085', 'consent', now(), now() + interval '30 days', '{detail}', 'SCD 1029', 'signed', 'cws-1', now(), now(), 'cws-2')`,
      [authorityId, referralId],
    );
  };

  it('makes an existing referral its own shared family and puts its authorities on it', async () => {
    expect(await db.ds.query(`SELECT id, county_code, status FROM ${s}.linkages_families`)).toEqual([
      { id: familyId, county_code: '06085', status: 'active' },
    ]);
    expect(await db.ds.query(`SELECT family_id, ref_kind, ref_id FROM ${s}.family_identities`)).toEqual([
      { family_id: familyId, ref_kind: 'linkages-referral', ref_id: referralId },
    ]);
    expect(await db.ds.query(`SELECT family_id, ended_reason FROM ${s}.sharing_authorities`)).toEqual([
      { family_id: familyId, ended_reason: 'revoked' },
    ]);
  });

  it('refuses an end without its reason, and a conflict flagged twice for a family', async () => {
    await expect(db.ds.query(`UPDATE ${s}.sharing_authorities SET ended_reason = NULL`)).rejects.toThrow(
      /sharing_authorities_end_recorded/,
    );
    const conflict = (id: string, eventId: string) =>
      db.ds.query(
        `INSERT INTO ${s}.plan_conflicts (id, family_id, county_code, code, person_record_id, activity_ids, reason, fingerprint, flagged_at, event_id)
         VALUES ($1, $2, '06085', 'no-child-care', 'p-1', ARRAY[$1]::uuid[], 'r', 'no-child-care|p-1|x', now(), $3)`,
        [id, familyId, eventId],
      );
    await conflict('11111111-1111-4111-8111-111111111111', '21111111-1111-4111-8111-111111111111');
    await expect(conflict('31111111-1111-4111-8111-111111111111', '41111111-1111-4111-8111-111111111111')).rejects.toThrow(/duplicate key/);
  });

  it('reverts both', async () => {
    expect(migrations.slice(-2).map((m) => new m().name)).toEqual([
      'CreateLinkagesPlanTables1772200000000',
      'AddLinkagesFamilyToAuthorities1772300000000',
    ]);
    await db.revert(2);
    expect(await db.tables()).not.toContain('plan_activities');
    expect(await db.columns('sharing_authorities')).not.toContain('family_id');
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM ${s}.sharing_authorities`)).toEqual([{ n: 1 }]);
  });
});
