import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import {
  AddCasePlanFrRecommendations1769100000000,
  AddFrServicesGoodCause1769200000000,
  CreateChildWelfareTables1769000000000,
  cwsEntities,
} from '@linkages/child-welfare-data-access';

/** This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own. */
export const persistence: ServicePersistence = {
  schema: 'child_welfare',
  entities: [...platformEntities, ...cwsEntities],
  migrations: [
    ...platformMigrations('child_welfare'),
    CreateChildWelfareTables1769000000000,
    AddCasePlanFrRecommendations1769100000000,
    AddFrServicesGoodCause1769200000000,
  ],
};
