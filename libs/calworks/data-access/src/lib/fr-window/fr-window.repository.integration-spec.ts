import { createMessagingMigration } from '@linkages/platform-messaging';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { frWindowMigrations } from './add-fr-ab429-good-cause.migration';
import { FrRemovalEntity } from './fr-removal.entity';
import { frWindowEntities } from './fr-window.entities';
import { FrWindowRepository } from './fr-window.repository';

// The FR tables on the real PostgreSQL: the migration makes what the entities map, and rows are written once.
describe('FR window tables (PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-fr-window',
    entities: frWindowEntities,
    migrations: (schema) => [createMessagingMigration(schema), ...frWindowMigrations(schema)],
  });

  it('the migration makes what the entities map (no drift)', () => db.expectNoDrift());

  it('a removal is written once; another county does not see it', async () => {
    const repo = new FrWindowRepository();
    const removalId = globalThis.crypto.randomUUID();
    const row = Object.assign(new FrRemovalEntity(), {
      removalId,
      countyCode: '06085',
      familyId: globalThis.crypto.randomUUID(),
      caseId: globalThis.crypto.randomUUID(),
      childId: globalThis.crypto.randomUUID(),
      auId: null,
      reviewId: null,
      removedAt: new Date('2027-09-15T18:00:00Z'),
      allChildrenRemoved: true,
      status: 'awaiting-au-match' as const,
      recommendationCasePlanId: null,
      recommendedOn: null,
      recommendsAb429Services: null,
      recommendationEscalatedAt: null,
      closeReason: null,
      closedOn: null,
      refusals: [],
      receivedAt: new Date(),
    });
    await db.ds.transaction(async (tx) => {
      expect(await repo.addRemoval(tx, row)).toBe(true);
      expect(await repo.addRemoval(tx, row)).toBe(false);
      expect((await repo.removalInCounty(tx, '06085', removalId))?.status).toBe('awaiting-au-match');
      expect(await repo.removalInCounty(tx, '06037', removalId)).toBeUndefined();
      expect((await repo.openOfCase(tx, row.caseId)).map((r) => r.removalId)).toEqual([removalId]);
    });
  });
});
