import { createAuditMigration } from '@linkages/platform-audit';
import { createMessagingMigration } from '@linkages/platform-messaging';
import { createDeadlineCommandsMigration, createIdempotencyMigration } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations (oldest first). */
export const persistence: ServicePersistence = {
  schema: 'calworks',
  entities: [],
  migrations: [createMessagingMigration('calworks'), createAuditMigration('calworks'), createIdempotencyMigration('calworks'), createDeadlineCommandsMigration('calworks')],
};
