import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { CreateReferralTables1767000000000, referralEntities } from '@linkages/referrals-data-access';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own. */
export const persistence: ServicePersistence = {
  schema: 'referrals',
  entities: [...platformEntities, ...referralEntities],
  migrations: [...platformMigrations('referrals'), CreateReferralTables1767000000000],
};
