import { DataSource } from 'typeorm';
import { createDataSourceOptions, migrateDown, migrateUp, schemaDrift } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createPreventionReferralMigration } from './create-prevention-referral-tables.migration';
import { preventionEntities } from './prevention-referral.entities';

// The prevention tables on the real PostgreSQL: the migration makes what the entities map, refuses a risk factor
// outside the vocabulary and a plaintext date of birth, and reverts.
describe('Linkages prevention referral tables (PostgreSQL)', () => {
  const schema = `it_prevtab_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    { schema, entities: preventionEntities, migrations: [createPreventionReferralMigration(schema)] },
    'it-linkages-prevention',
  );
  const uuid = () => globalThis.crypto.randomUUID();
  let ds: DataSource;
  beforeAll(async () => {
    await migrateUp(options);
    ds = await new DataSource(options).initialize();
  }, 60_000);
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds?.destroy();
  });

  it('the migration makes what the entities map (no drift)', async () => {
    const drift = await schemaDrift(options);
    expect(drift.statements).toEqual([]);
    expect(drift.pending).toEqual([]);
  });

  it('risk factors come from the vocabulary; identifiers are ciphertext', async () => {
    const insert = (riskFactors: string[]) =>
      ds.query(
        `INSERT INTO "${schema}".prevention_referrals (id, family_id, county_code, risk_factors, created_by, created_at)
         VALUES ($1, $2, '06085', $3::text[], 'demo:calworks-worker', now()) RETURNING id`,
        [uuid(), uuid(), riskFactors],
      ) as Promise<{ id: string }[]>;
    const [ok] = await insert(['housing-instability', 'other']);
    await expect(insert(['bad-luck'])).rejects.toThrow(/check constraint/);
    const member = (dob: string) =>
      ds.query(
        `INSERT INTO "${schema}".prevention_referral_members (id, referral_id, role, first_name, last_name, dob_encrypted, dob_index, position)
         VALUES ($1, $2, 'parent', 'A', 'B', $3, 'idx', 0)`,
        [uuid(), ok!.id, dob],
      );
    await expect(member('1990-01-02')).rejects.toThrow(/check constraint/);
    await member('f1.ciphertext');
  });

  it('the migration reverts', async () => {
    await migrateDown(options);
    const tables = (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema])) as unknown[];
    expect(tables.filter((t) => JSON.stringify(t).includes('prevention'))).toEqual([]);
  });
});
