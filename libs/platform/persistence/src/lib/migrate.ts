import { DataSource, type DataSourceOptions } from 'typeorm';

export interface MigrationReport {
  schema: string;
  applied: string[];
}

/** Creates the service schema if needed and applies pending migrations, each in its own transaction. */
export async function migrateUp(options: DataSourceOptions): Promise<MigrationReport> {
  const schema = schemaOf(options);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { schema, applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the last applied migration. */
export async function migrateDown(options: DataSourceOptions): Promise<MigrationReport> {
  const schema = schemaOf(options);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const before = await dataSource.query(`SELECT name FROM "${schema}"."typeorm_migrations" ORDER BY id DESC LIMIT 1`).catch(() => []);
    await dataSource.undoLastMigration({ transaction: 'each' });
    return { schema, applied: (before as { name: string }[]).map((r) => `reverted ${r.name}`) };
  } finally {
    await dataSource.destroy();
  }
}

/** True when every migration is applied (readiness and start-up use it). */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

function schemaOf(options: DataSourceOptions): string {
  const schema = 'schema' in options ? options.schema : undefined;
  if (!schema) throw new Error('Data source options need a schema');
  return schema;
}
