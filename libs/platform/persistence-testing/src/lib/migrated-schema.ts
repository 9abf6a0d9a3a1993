import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { createDataSourceOptions, migrateDown, migrateUp, schemaDrift, type SchemaDrift } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix } from '@linkages/platform-testing';

type Migration = new () => MigrationInterface;

export interface ThrowawaySchemaOptions {
  /** The application name the connections carry (`linkages-<name>`); the schema is `<name with _>_<unique suffix>`. */
  name: string;
  entities: Parameters<typeof createDataSourceOptions>[1]['entities'];
  /** The migrations over the schema, oldest first. */
  migrations: (schema: string) => Migration[];
}

/** A unique schema on the stack's PostgreSQL with its migrations and entities, and a data source over it. */
export interface ThrowawaySchema {
  schema: string;
  /** The schema quoted for SQL: `"<schema>"`. */
  s: string;
  migrations: Migration[];
  /** The options of the full list of migrations (what `migrateUp`, `migrateDown` and `schemaDrift` are given). */
  options: DataSourceOptions;
  /** The data source over the schema (after `open`). */
  readonly ds: DataSource;
  /** Applies the first `through` migrations (all when left out), then initialises the data source over the full list. */
  open(through?: number): Promise<void>;
  /** Applies the migrations not applied yet. */
  migrateUp(): Promise<void>;
  /** What the entities would change in the migrated schema (see `schemaDrift`). */
  drift(): Promise<SchemaDrift>;
  /** Asserts the migrations make what the entities map: nothing pending, no statement to run; returns the drift. */
  expectNoDrift(): Promise<SchemaDrift>;
  /** Reverts the last `count` applied migrations (one when left out), newest first. */
  revert(count?: number): Promise<void>;
  /** Reverts every migration of the list. */
  revertAll(): Promise<void>;
  /** The names of the schema's tables. */
  tables(): Promise<string[]>;
  /** The names of a table's columns. */
  columns(table: string): Promise<string[]>;
  /** Drops the schema and closes the data source. */
  close(): Promise<void>;
}

/** A throwaway schema the caller opens and closes itself (within one test). */
export function throwawaySchema(o: ThrowawaySchemaOptions): ThrowawaySchema {
  const schema = `${o.name.replace(/-/g, '_')}_${uniqueSuffix()}`;
  const migrations = o.migrations(schema);
  const options = createDataSourceOptions(stackEnv().DATABASE_URL, { schema, entities: o.entities, migrations }, o.name);
  let ds: DataSource | undefined;
  const names = async (sql: string, params: unknown[]) => ((await fixture.ds.query(sql, params)) as { name: string }[]).map((r) => r.name);
  const fixture: ThrowawaySchema = {
    schema,
    s: `"${schema}"`,
    migrations,
    options,
    get ds() {
      if (!ds) throw new Error(`The schema ${schema} is not open`);
      return ds;
    },
    async open(through = migrations.length) {
      await migrateUp({ ...options, migrations: migrations.slice(0, through) });
      ds = await new DataSource(options).initialize();
    },
    async migrateUp() {
      await migrateUp(options);
    },
    drift: () => schemaDrift(options),
    async expectNoDrift() {
      const drift = await schemaDrift(options);
      expect(drift.statements).toEqual([]);
      expect(drift.pending).toEqual([]);
      return drift;
    },
    async revert(count = 1) {
      for (let i = 0; i < count; i++) await migrateDown(options);
    },
    revertAll: () => fixture.revert(migrations.length),
    tables: () => names(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]),
    columns: (table) =>
      names(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [schema, table]),
    async close() {
      await ds?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds?.destroy();
      ds = undefined;
    },
  };
  return fixture;
}

export interface MigratedSchemaOptions extends ThrowawaySchemaOptions {
  /**
   * Rows as the service held them before the newest migrations: the first `through` migrations are applied, `seed`
   * runs (the data source is open), then the rest are applied.
   */
  before?: { through: number; seed: (db: ThrowawaySchema) => Promise<unknown> };
}

/**
 * The throwaway schema of a describe block: migrated up (and the data source opened) in `beforeAll`, dropped in
 * `afterAll`. Call it in the describe body.
 */
export function migratedSchema(o: MigratedSchemaOptions): ThrowawaySchema {
  const db = throwawaySchema(o);
  beforeAll(async () => {
    if (o.before) {
      await db.open(o.before.through);
      await o.before.seed(db);
      await db.migrateUp();
    } else await db.open();
  }, 60_000);
  afterAll(() => db.close());
  return db;
}
