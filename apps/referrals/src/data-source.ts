// Standalone data source for migrations (tools/migrate.mjs, nx run referrals:migrate).
import { createDataSourceOptions } from '@linkages/platform-persistence';
import { loadServiceConfig } from '@linkages/platform-service';
import { service } from './service';

export const dataSourceOptions = () =>
  createDataSourceOptions(loadServiceConfig(service).DATABASE_URL, service.persistence, `${service.name}-migrate`);
