import type { DataSource, DataSourceOptions } from 'typeorm';
import type { ReadinessCheck } from '@linkages/platform-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServicePersistence {
  /** The service's own PostgreSQL schema: services never share tables. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

const identifier = /^[a-z][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!identifier.test(schema)) throw new Error(`Invalid schema name '${schema}': use lower-case letters, digits and _`);
  return schema;
}

/** TypeORM options for one service: its schema, explicit migrations only (never synchronize), snake_case names. */
export function createDataSourceOptions(
  databaseUrl: string,
  persistence: ServicePersistence,
  applicationName = persistence.schema,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    schema: assertSchemaName(persistence.schema),
    entities: persistence.entities,
    migrations: persistence.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: `linkages-${applicationName}`,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}

/** Readiness: PostgreSQL answers and the service's schema has no pending migration. */
export const databaseReadiness = (dataSource: DataSource, schema: string): ReadinessCheck => ({
  name: 'database',
  check: async () => {
    await dataSource.query('select 1');
    if (await dataSource.showMigrations()) throw new Error('migrations pending: run `npm run migrate`');
    return { schema };
  },
});
