import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { notificationsEntities, notificationsMigrations } from '@linkages/notifications-data-access';

/**
 * This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own
 * (escalations, the organisation, deliveries and the inbox), from the one list in @linkages/notifications-data-access.
 */
export const persistence: ServicePersistence = {
  schema: 'notifications',
  entities: [...platformEntities, ...notificationsEntities],
  migrations: [...platformMigrations('notifications'), ...notificationsMigrations('notifications')],
};
