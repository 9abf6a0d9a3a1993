import { migratedSchema, throwawaySchema } from '@linkages/platform-persistence-testing';
import { createLinkagesMatchingIndexesMigration } from './add-linkages-matching-indexes.migration';
import { createLinkagesIdentityMigration } from './create-linkages-identity-tables.migration';
import { FamilyResolver } from './family-resolver';
import { identityEntities } from './identity.entities';

// The shared-family tables on the real PostgreSQL: the migration makes what the entities map; the resolver mints once,
// maps a ref to one family, and sequences the family's timeline idempotently by event id.
describe('Linkages identity tables and FamilyResolver (PostgreSQL)', () => {
  const tables = {
    name: 'it-linkages-identity',
    entities: identityEntities,
    migrations: (schema: string) => [createLinkagesIdentityMigration(schema), createLinkagesMatchingIndexesMigration(schema)],
  };
  const db = migratedSchema(tables);
  const resolver = new FamilyResolver();

  it('the migration makes what the entities map (no drift)', () => db.expectNoDrift());

  it('a ref is minted a family once; the timeline is one order, idempotent by event id', async () => {
    const { ds } = db;
    const ref = { kind: 'cws-family' as const, id: globalThis.crypto.randomUUID() };
    const first = await ds.transaction((tx) => resolver.resolve(tx, '06085', ref));
    expect(first.created).toBe(true);
    const again = await ds.transaction((tx) => resolver.resolve(tx, '06085', ref));
    expect(again).toEqual({ familyId: first.familyId, created: false });
    expect(await ds.transaction((tx) => resolver.familyOf(tx, '06085', ref))).toBe(first.familyId);
    expect(await ds.transaction((tx) => resolver.familyOf(tx, '06001', ref))).toBeUndefined();
    await expect(ds.transaction((tx) => resolver.resolve(tx, '06001', ref))).rejects.toThrow(/another county/);
    expect(await ds.transaction((tx) => resolver.identitiesOf(tx, first.familyId))).toEqual([
      { kind: 'cws-family', id: ref.id, calworksCaseNumber: null },
    ]);

    const entry = (eventId: string) => ({
      eventId,
      eventType: 'gov.ca.linkages.cws.child-removed.v1',
      agency: 'cws' as const,
      occurredAt: '2027-11-24T18:00:00.000Z',
      subject: 'removal/1',
      entry: { removalId: '1' },
    });
    const e1 = globalThis.crypto.randomUUID();
    const e2 = globalThis.crypto.randomUUID();
    expect(await ds.transaction((tx) => resolver.appendTimeline(tx, first.familyId, entry(e1)))).toBe(1);
    expect(await ds.transaction((tx) => resolver.appendTimeline(tx, first.familyId, entry(e2)))).toBe(2);
    expect(await ds.transaction((tx) => resolver.appendTimeline(tx, first.familyId, entry(e1)))).toBe(1);
    const [counted] = (await ds.query(`SELECT count(*)::int AS count FROM ${db.s}.family_timeline WHERE family_id = $1`, [
      first.familyId,
    ])) as { count: number }[];
    expect(counted?.count).toBe(2);
  });

  it('two transactions resolving the same new ref at once get one family', async () => {
    const { ds } = db;
    const ref = { kind: 'au' as const, id: globalThis.crypto.randomUUID() };
    const [a, b] = await Promise.all([
      ds.transaction((tx) => resolver.resolve(tx, '06085', ref)),
      ds.transaction((tx) => resolver.resolve(tx, '06085', ref)),
    ]);
    expect(a.familyId).toBe(b.familyId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it('AddLinkagesMatchingIndexes gives the records held before it their SSN key token, and reverts cleanly', async () => {
    const up = throwawaySchema({ ...tables, name: 'it-linkages-identity-up' });
    const other = up.schema;
    await up.open(1);
    const db = up.ds;
    try {
      const keys = (ssn: string | null) => JSON.stringify({ ...(ssn ? { ssn } : {}), first: {}, last: {}, blocking: ['b1'] });
      for (const [id, ssn] of [
        ['00000000-0000-4000-8000-000000000001', 'ssn-token-1'],
        ['00000000-0000-4000-8000-000000000002', null],
      ] as const) {
        await db.query(
          `INSERT INTO "${other}".person_records (id, county_code, agency, ref_kind, ref_id, family_ref_kind, family_ref_id, role, age_band, keys, updated_at)
           VALUES ($1, '06085', 'cws', 'cws-person', gen_random_uuid(), 'cws-family', gen_random_uuid(), 'parent', '20-plus', $2, now())`,
          [id, keys(ssn)],
        );
      }
      await up.migrateUp();
      const tokens = (await db.query(`SELECT person_record_id AS id, token FROM "${other}".match_tokens WHERE kind = 'ssn'`)) as unknown[];
      expect(tokens).toEqual([{ id: '00000000-0000-4000-8000-000000000001', token: 'ssn-token-1' }]);
      const indexes = (await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`, [other])) as {
        indexname: string;
      }[];
      expect(indexes.map((i) => i.indexname)).toEqual(
        expect.arrayContaining(['match_tokens_block', 'match_reviews_a', 'match_reviews_b', 'match_reviews_queue']),
      );
      await db.undoLastMigration();
      expect(await db.query(`SELECT 1 FROM "${other}".match_tokens WHERE kind = 'ssn'`)).toEqual([]);
      const after = (await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [other])) as { indexname: string }[];
      expect(after.map((i) => i.indexname)).not.toContain('match_tokens_block');
    } finally {
      await up.close();
    }
  });
});
