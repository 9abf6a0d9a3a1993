// The notifications data-access lib (issue 14), one barrel per slice, and the service's one list of entities and
// migrations (oldest first) that the app and every harness run.
import { deliveryEntities, deliveryMigrations } from './lib/delivery';
import { escalationEntities, escalationMigrations } from './lib/escalation';
import { organisationEntities, organisationMigrations } from './lib/organisation';
import { webhookEntities, webhookMigrations } from './lib/webhook';
import { deadlineQueueEntities, deadlineQueueMigrations } from './lib/queue';

export * from './lib/escalation';
export * from './lib/organisation';
export * from './lib/delivery';
export * from './lib/inbox';

export const notificationsEntities = [
  ...escalationEntities,
  ...organisationEntities,
  ...deliveryEntities,
  ...webhookEntities,
  ...deadlineQueueEntities,
];
export const notificationsMigrations = (schema: string) => [
  ...escalationMigrations(schema),
  ...organisationMigrations(schema),
  ...deliveryMigrations(schema),
  ...webhookMigrations(schema),
  ...deadlineQueueMigrations(schema),
];
export * from './lib/webhook';
export * from './lib/queue';
export * from './lib/reports';
