import { platformEntities, platformMigrations } from '@linkages/platform-service';
import type { ServicePersistence } from '@linkages/platform-persistence';
import { CreateCalworksHouseholdTables1770000000000, householdEntities } from '@linkages/calworks-data-access';
import { CreateCalworksSanctionTables1771000000000, sanctionEntities } from '@linkages/calworks-data-access';
import {
  AddFrAb429GoodCause1771100000000,
  AddFrMemberProposals1771200000000,
  CreateCalworksFrWindowTables1770300000000,
  frWindowEntities,
} from '@linkages/calworks-data-access';

/**
 * This service's own PostgreSQL schema, its TypeORM entities and its migrations: the platform's, then its own.
 * One line per slice (household, sanction, FR window); migrations oldest first.
 */
export const persistence: ServicePersistence = {
  schema: 'calworks',
  entities: [
    ...platformEntities,
    ...householdEntities, // household
    ...sanctionEntities, // sanction
    ...frWindowEntities, // FR window
  ],
  migrations: [
    ...platformMigrations('calworks'),
    CreateCalworksHouseholdTables1770000000000, // household
    CreateCalworksSanctionTables1771000000000, // sanction
    CreateCalworksFrWindowTables1770300000000, // FR window
    AddFrAb429GoodCause1771100000000, // FR window: AB 429 good cause, redeterminations done
    AddFrMemberProposals1771200000000, // FR window: the AU members Linkages proposes for a removal
  ],
};
