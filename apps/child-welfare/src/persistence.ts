import { createAuditMigration } from '@linkages/platform-audit';
import { createMessagingMigration } from '@linkages/platform-messaging';
import { createIdempotencyMigration } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations (oldest first). */
export const persistence: ServicePersistence = {
  schema: 'child_welfare',
  entities: [],
  migrations: [createMessagingMigration('child_welfare'), createAuditMigration('child_welfare'), createIdempotencyMigration('child_welfare')],
};
