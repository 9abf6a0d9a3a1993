import { migratedSchema } from '@linkages/platform-persistence-testing';
import { SharingAuthorityEntity } from '../sharing-authority.entity';
import { createConsentScopesMigration } from './add-consent-scopes.migration';
import { authorityAndPlanMigrations } from './referral-tables-in-schema';

// AddConsentScopes1772500000000 on the real PostgreSQL: authorities recorded before it name no scope; a consent may
// name substance-use records, an MDT membership never, an unknown scope is refused; the entity maps the column; reverts.
describe('AddConsentScopes1772500000000', () => {
  // Everything before it, an authority as the service holds it today, then the migration.
  const db = migratedSchema({
    name: 'it-scopes-mig',
    entities: [SharingAuthorityEntity],
    migrations: authorityAndPlanMigrations,
    before: {
      through: -1,
      seed: async ({ schema, migrations }) => {
        // The tables the authority and plan slices stand on end with it (their harnesses map the entity with its column).
        expect(migrations.map((m) => new m().name).at(-1)).toBe(new (createConsentScopesMigration(schema))().name);
        await insert('0f1e2d3c-4b5a-4697-8887-766554433221', 'consent');
      },
    },
  });
  const { s } = db;
  const familyId = 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a61';
  const insert = (id: string, kind: 'consent' | 'mdt') =>
    db.ds.query(
      `INSERT INTO ${s}.sharing_authorities (id, family_id, county_code, kind, effective_from, expires_at, categories, member_subjects, reference, basis, recorded_by, recorded_at)
       VALUES ($1, $2, '06085', $3, now(), now() + interval '30 days', '{detail}', $4, 'SCD 1029', 'signed', 'cws-1', now())`,
      [id, familyId, kind, kind === 'mdt' ? ['ew-1'] : null],
    );

  it('gives existing authorities no scope, and the entity reads and writes the column', async () => {
    const [row] = await db.ds.getRepository(SharingAuthorityEntity).find();
    expect(row?.scopes).toEqual([]);
    await db.ds
      .getRepository(SharingAuthorityEntity)
      .save(Object.assign(row as SharingAuthorityEntity, { scopes: ['substance-use-records'] }));
    expect(await db.ds.query(`SELECT scopes FROM ${s}.sharing_authorities`)).toEqual([{ scopes: ['substance-use-records'] }]);
  });

  it('refuses a scope on an MDT membership and a scope it does not know', async () => {
    await insert('1f1e2d3c-4b5a-4697-8887-766554433221', 'mdt');
    await expect(db.ds.query(`UPDATE ${s}.sharing_authorities SET scopes = '{substance-use-records}' WHERE kind = 'mdt'`)).rejects.toThrow(
      /sharing_authorities_scopes_consent_only/,
    );
    await expect(db.ds.query(`UPDATE ${s}.sharing_authorities SET scopes = '{everything}' WHERE kind = 'consent'`)).rejects.toThrow(
      /sharing_authorities_scopes_known/,
    );
  });

  it('reverts', async () => {
    await db.revert();
    const columns = await db.columns('sharing_authorities');
    expect(columns).not.toContain('scopes');
    expect(columns).toContain('family_id');
  });
});
