import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { referralsEntities, referralsMigrations } from '@linkages/referrals-data-access';

/**
 * This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own
 * (referrals and authorities; Linkages identity, coordination, plan, prevention), each from the one list in
 * @linkages/referrals-data-access (`referralsEntities`, `referralsMigrations`, oldest first) the tests run too.
 */
export const persistence: ServicePersistence = {
  schema: 'referrals',
  entities: [...platformEntities, ...referralsEntities],
  migrations: [...platformMigrations('referrals'), ...referralsMigrations('referrals')],
};
