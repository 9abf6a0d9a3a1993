import { migratedSchema } from '@linkages/platform-persistence-testing';
import { deadlineQueueMigrations } from './create-notifications-deadline-queue-tables.migration';
import { deadlineQueueEntities } from './index';

describe('deadline queue tables (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-deadline-queue-tables',
    entities: deadlineQueueEntities,
    migrations: (schema) => deadlineQueueMigrations(schema),
  });

  it('the migration makes what the entities map', async () => {
    const drift = await db.expectNoDrift();
    expect(drift.tables).toHaveLength(2);
  });
});
