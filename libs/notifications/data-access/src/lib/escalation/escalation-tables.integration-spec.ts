import { migratedSchema } from '@linkages/platform-persistence-testing';
import { escalationMigrations } from './create-notifications-escalation-tables.migration';
import { escalationEntities } from './index';

describe('escalation tables (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-escalation-tables',
    entities: escalationEntities,
    migrations: (schema) => escalationMigrations(schema),
  });

  it('the migration makes what the entities map', async () => {
    const drift = await db.expectNoDrift();
    expect(drift.tables).toHaveLength(2);
  });
});
