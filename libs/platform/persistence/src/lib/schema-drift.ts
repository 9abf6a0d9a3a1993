import { DataSource, type DataSourceOptions, type EntityMetadata, type QueryRunner, type Table } from 'typeorm';

export interface SchemaDrift {
  schema: string;
  /** Tables the entities map. */
  tables: string[];
  /** Migrations not applied yet: the schema is not what the migrations make, so the comparison is not meaningful. */
  pending: string[];
  /** The SQL TypeORM would run to make the schema match the entities; empty when they agree. */
  statements: string[];
}

/**
 * Compares a migrated schema with the service's entities: TypeORM's schema builder is asked what it would change
 * (nothing is executed). Columns are compared both ways and in full (type, length, nullability, default, primary
 * key, uniqueness), as is every index, unique constraint, foreign key, check and exclusion an entity declares.
 *
 * Two differences are not drift, because the migrations are the source of the DDL and the entities only map it:
 * a constraint or index a migration names its own way matches the entity's by definition (columns, uniqueness,
 * referenced table), not by TypeORM's generated name; and a CHECK, index, foreign key or unique constraint that no
 * entity declares is the database's own integrity (entities cannot state `role IN (...)` in a way that compares).
 */
export async function schemaDrift(options: DataSourceOptions): Promise<SchemaDrift> {
  const schema = 'schema' in options ? options.schema : undefined;
  if (!schema) throw new Error('Data source options need a schema');
  const dataSource = new DataSource({ ...options, synchronize: false, migrationsRun: false, logging: false });
  await dataSource.initialize();
  try {
    const migrationsTable = options.migrationsTableName ?? 'migrations';
    const applied = await dataSource
      .query(`SELECT name FROM "${schema}"."${migrationsTable}"`)
      .then((rows: { name: string }[]) => new Set(rows.map((r) => r.name)))
      .catch(() => new Set<string>());
    const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
    // The builder loads the tables through a query runner; the one it gets here aligns them first (see above).
    const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (mode) => withAlignedTables(createQueryRunner(mode), dataSource, schema);
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    return {
      schema,
      tables: dataSource.entityMetadatas.map((m) => m.tableName),
      pending,
      statements: upQueries.map((q) => q.query.trim()),
    };
  } finally {
    await dataSource.destroy();
  }
}

function withAlignedTables(runner: QueryRunner, dataSource: DataSource, schema: string): QueryRunner {
  const getTables = runner.getTables.bind(runner);
  runner.getTables = async (paths) => (await getTables(paths)).map((table) => alignToEntities(table, dataSource, schema));
  return runner;
}

/** Renames the table's constraints and indexes that match a declared one to its name; leaves out undeclared ones. */
function alignToEntities(table: Table, dataSource: DataSource, schema: string): Table {
  const driver = dataSource.driver;
  const path = (target: Parameters<typeof driver.parseTableName>[0]) => {
    const parsed = driver.parseTableName(target);
    return driver.buildTableName(parsed.tableName, parsed.schema ?? schema, parsed.database);
  };
  const metadata = dataSource.entityMetadatas.find((m) => path(m) === path(table));
  if (!metadata) return table;
  const names = (columns: { databaseName: string }[]) => columns.map((c) => c.databaseName);

  table.indices = align(
    table.indices,
    metadata.indices,
    (i, m) => i.isUnique === m.isUnique && sameSet(i.columnNames, names(m.columns)),
    (i, m) => (i.name = m.name),
  );
  table.uniques = align(
    table.uniques,
    metadata.uniques,
    (u, m) => sameSet(u.columnNames, names(m.columns)),
    (u, m) => (u.name = m.name),
  );
  table.foreignKeys = align(
    table.foreignKeys,
    metadata.foreignKeys,
    (f, m) =>
      sameSet(f.columnNames, m.columnNames) &&
      path(f) === path(m.referencedEntityMetadata as EntityMetadata) &&
      sameSet(f.referencedColumnNames, m.referencedColumnNames),
    (f, m) => (f.name = m.name),
  );
  table.checks = table.checks.filter((c) => metadata.checks.some((m) => m.name === c.name));
  table.exclusions = table.exclusions.filter((e) => metadata.exclusions.some((m) => m.name === e.name));
  // TypeORM reads a column as unique when a one-column unique constraint covers it; only declared ones remain.
  for (const column of table.columns)
    column.isUnique = table.uniques.some((u) => u.columnNames.length === 1 && u.columnNames[0] === column.name);
  return table;
}

/**
 * Keeps the database's items that an entity declares: first those with the declared name (the builder then compares
 * their definitions), then one match by definition for each declared item left, renamed to the declared name.
 */
function align<T extends { name?: string }, M extends { name: string }>(
  items: T[],
  declared: M[],
  same: (item: T, m: M) => boolean,
  rename: (item: T, m: M) => void,
): T[] {
  const kept = new Set<T>();
  const left: M[] = [];
  for (const m of declared) {
    const named = items.find((item) => item.name === m.name);
    if (named) kept.add(named);
    else left.push(m);
  }
  for (const m of left) {
    const match = items.find((item) => !kept.has(item) && same(item, m));
    if (!match) continue;
    rename(match, m);
    kept.add(match);
  }
  return items.filter((item) => kept.has(item));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
