import { createAuditMigration } from '@linkages/platform-audit';
import { createMessagingMigration } from '@linkages/platform-messaging';
import { createDeadlineCommandsMigration, createIdempotencyMigration } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { CreateChildWelfareTables1769000000000, cwsEntities } from '@linkages/child-welfare-feature';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations (oldest first). */
export const persistence: ServicePersistence = {
  schema: 'child_welfare',
  entities: cwsEntities,
  migrations: [createMessagingMigration('child_welfare'), createAuditMigration('child_welfare'), createIdempotencyMigration('child_welfare'), createDeadlineCommandsMigration('child_welfare'), CreateChildWelfareTables1769000000000],
};
