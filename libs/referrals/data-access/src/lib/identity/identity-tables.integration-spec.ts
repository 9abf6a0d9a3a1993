import { DataSource } from 'typeorm';
import { createDataSourceOptions, migrateUp, schemaDrift } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createLinkagesIdentityMigration } from './create-linkages-identity-tables.migration';
import { FamilyResolver } from './family-resolver';
import { identityEntities } from './identity.entities';

// The shared-family tables on the real PostgreSQL: the migration makes what the entities map; the resolver mints once,
// maps a ref to one family, and sequences the family's timeline idempotently by event id.
describe('Linkages identity tables and FamilyResolver (PostgreSQL)', () => {
  const schema = `it_identity_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    { schema, entities: identityEntities, migrations: [createLinkagesIdentityMigration(schema)] },
    'it-linkages-identity',
  );
  const resolver = new FamilyResolver();
  let ds: DataSource;
  beforeAll(async () => {
    await migrateUp(options);
    ds = await new DataSource(options).initialize();
  }, 60_000);
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await ds?.destroy();
  });

  it('the migration makes what the entities map (no drift)', async () => {
    const drift = await schemaDrift(options);
    expect(drift.statements).toEqual([]);
    expect(drift.pending).toEqual([]);
  });

  it('a ref is minted a family once; the timeline is one order, idempotent by event id', async () => {
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
    const [counted] = (await ds.query(`SELECT count(*)::int AS count FROM "${schema}".family_timeline WHERE family_id = $1`, [
      first.familyId,
    ])) as { count: number }[];
    expect(counted?.count).toBe(2);
  });

  it('two transactions resolving the same new ref at once get one family', async () => {
    const ref = { kind: 'au' as const, id: globalThis.crypto.randomUUID() };
    const [a, b] = await Promise.all([
      ds.transaction((tx) => resolver.resolve(tx, '06085', ref)),
      ds.transaction((tx) => resolver.resolve(tx, '06085', ref)),
    ]);
    expect(a.familyId).toBe(b.familyId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });
});
