import { createAuditMigration } from '@linkages/platform-audit';
import { TrackedDeadlineEntity, deadlineTrackingMigrations } from '@linkages/platform-deadline-tracking';
import { createIdempotencyMigration } from '@linkages/platform-http';
import { createInboxFingerprintMigration, createMessagingMigration } from '@linkages/platform-messaging';

/**
 * The platform's tables in a service's schema (outbox and inbox, audit log, idempotency keys, deadline commands and
 * tracked deadlines, the inbox's event fingerprints), oldest first. An app lists `...platformMigrations(schema)` before its own.
 */
export const platformMigrations = (schema: string) => [
  createMessagingMigration(schema),
  createAuditMigration(schema),
  createIdempotencyMigration(schema),
  ...deadlineTrackingMigrations(schema),
  // Added later (issue 17): the inbox's fingerprint of each applied event, so a reused id with another body is refused.
  createInboxFingerprintMigration(schema),
];

/** The platform's entities every service's data source holds (the clocks it tracks). */
export const platformEntities = [TrackedDeadlineEntity];
