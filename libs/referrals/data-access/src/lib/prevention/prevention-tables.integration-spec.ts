import { migratedSchema } from '@linkages/platform-persistence-testing';
import { createPreventionReferralMigration } from './create-prevention-referral-tables.migration';
import { preventionEntities } from './prevention-referral.entities';

// The prevention tables on the real PostgreSQL: the migration makes what the entities map, refuses a risk factor
// outside the vocabulary and a plaintext date of birth, and reverts.
describe('Linkages prevention referral tables (PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-linkages-prevention',
    entities: preventionEntities,
    migrations: (schema) => [createPreventionReferralMigration(schema)],
  });
  const uuid = () => globalThis.crypto.randomUUID();

  it('the migration makes what the entities map (no drift)', () => db.expectNoDrift());

  it('risk factors come from the vocabulary; identifiers are ciphertext', async () => {
    const insert = (riskFactors: string[]) =>
      db.ds.query(
        `INSERT INTO ${db.s}.prevention_referrals (id, family_id, county_code, risk_factors, created_by, created_at)
         VALUES ($1, $2, '06085', $3::text[], 'demo:calworks-worker', now()) RETURNING id`,
        [uuid(), uuid(), riskFactors],
      ) as Promise<{ id: string }[]>;
    const [ok] = await insert(['housing-instability', 'other']);
    await expect(insert(['bad-luck'])).rejects.toThrow(/check constraint/);
    const member = (dob: string) =>
      db.ds.query(
        `INSERT INTO ${db.s}.prevention_referral_members (id, referral_id, role, first_name, last_name, dob_encrypted, dob_index, position)
         VALUES ($1, $2, 'parent', 'A', 'B', $3, 'idx', 0)`,
        [uuid(), ok!.id, dob],
      );
    await expect(member('1990-01-02')).rejects.toThrow(/check constraint/);
    await member('f1.ciphertext');
  });

  it('the migration reverts', async () => {
    await db.revert();
    expect((await db.tables()).filter((t) => t.includes('prevention'))).toEqual([]);
  });
});
