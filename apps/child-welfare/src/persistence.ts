import type { ServicePersistence } from '@linkages/platform-persistence';

// This service's TypeORM entities and migrations, in its own schema. Later issues add them here.
export const entities: ServicePersistence['entities'] = [];
export const migrations: ServicePersistence['migrations'] = [];
