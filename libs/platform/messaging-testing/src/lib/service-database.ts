import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, migrateUp, type ServicePersistence } from '@linkages/platform-persistence';
import { stackEnv } from '@linkages/platform-testing';

export interface ServiceDatabase {
  dataSource: DataSource;
  schema: string;
  /** Closes the data source and drops the database. */
  close(): Promise<void>;
}

/**
 * A throwaway database on the stack's PostgreSQL holding one service's schema under its real name, migrated with the
 * service's migrations: for the services whose migrations name their schema (child welfare, CalWORKs), which cannot
 * run in a unique schema of the shared database.
 */
export async function serviceDatabase(o: ServicePersistence & { name: string }): Promise<ServiceDatabase> {
  const env = stackEnv();
  const name = `linkages_it_${o.name.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const options = createDataSourceOptions(
    url.toString(),
    { schema: o.schema, entities: o.entities, migrations: o.migrations },
    `it-${o.name}`,
  );
  try {
    await migrateUp(options);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw error;
  }
  const dataSource = await new DataSource(options).initialize();
  return {
    dataSource,
    schema: o.schema,
    async close() {
      await dataSource.destroy().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
