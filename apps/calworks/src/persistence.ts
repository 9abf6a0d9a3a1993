import { createMessagingMigration } from '@linkages/platform-messaging';
import type { ServicePersistence } from '@linkages/platform-persistence';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations (oldest first). */
export const persistence: ServicePersistence = {
  schema: 'calworks',
  entities: [],
  migrations: [createMessagingMigration('calworks')],
};
