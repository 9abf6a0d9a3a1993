import { createAuditMigration } from '@linkages/platform-audit';
import { createMessagingMigration } from '@linkages/platform-messaging';
import { createDeadlineCommandsMigration, createIdempotencyMigration } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { CreateReferralTables1767000000000, referralEntities } from '@linkages/referrals-feature';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations (oldest first). */
export const persistence: ServicePersistence = {
  schema: 'referrals',
  entities: referralEntities,
  migrations: [createMessagingMigration('referrals'), createAuditMigration('referrals'), createIdempotencyMigration('referrals'), CreateReferralTables1767000000000, createDeadlineCommandsMigration('referrals')],
};
