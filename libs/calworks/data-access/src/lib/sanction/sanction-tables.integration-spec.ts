import { migratedSchema } from '@linkages/platform-persistence-testing';
import { createCalworksSanctionTablesMigration } from './create-calworks-sanction-tables.migration';
import { sanctionEntities } from './sanction.entities';
import { SanctionRepository } from './sanction.repository';

// The sanction tables against the real PostgreSQL: the migration makes what the entities map (the drift check of
// npm test, for this slice alone), rows are upserts by id (a retried step writes the same rows), county scope.
describe('sanction tables (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-sanction-tables',
    entities: sanctionEntities,
    migrations: (schema) => [createCalworksSanctionTablesMigration(schema)],
  });

  it('the migration makes what the entities map', async () => {
    const drift = await db.expectNoDrift();
    expect(drift.tables).toHaveLength(8);
  });

  it('writes a step’s rows as upserts by id and finds the episode only in its county', async () => {
    const repo = new SanctionRepository();
    const dataSource = db.ds;
    const ref = {
      episodeId: globalThis.crypto.randomUUID(),
      familyId: globalThis.crypto.randomUUID(),
      participantId: globalThis.crypto.randomUUID(),
      auId: globalThis.crypto.randomUUID(),
      countyCode: '06085',
      workflowId: 'calworks/sanction/x',
    };
    const episode = {
      table: 'episode' as const,
      id: ref.episodeId,
      noticeForm: 'NA 840' as const,
      noticeIssuedOn: '2027-01-06',
      reason: 'activity-not-attended' as const,
      status: 'compliance-period' as const,
      linkagesPriority: null,
      resolution: null,
      resolvedOn: null,
    };
    await dataSource.transaction(async (tx) => {
      await repo.write(tx, ref, episode);
      await repo.write(tx, ref, {
        table: 'sanction-request',
        id: ref.familyId,
        basis: 'compliance-period-ended',
        requestedOn: '2027-01-26',
        notice: 'NA 840',
      });
    });
    await dataSource.transaction((tx) => repo.write(tx, ref, { ...episode, status: 'sanction-requested' }));
    const found = await repo.episodeInCounty(dataSource.manager, '06085', ref.episodeId);
    expect(found).toMatchObject({ status: 'sanction-requested', noticeIssuedOn: '2027-01-06', auId: ref.auId });
    expect(await repo.episodeInCounty(dataSource.manager, '06037', ref.episodeId)).toBeUndefined();
    const records = await repo.records(dataSource.manager, found!);
    expect(records.requests).toHaveLength(1);
  });
});
