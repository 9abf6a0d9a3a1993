import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own. */
export const persistence: ServicePersistence = {
  schema: 'notifications',
  entities: [...platformEntities],
  migrations: [...platformMigrations('notifications')],
};
