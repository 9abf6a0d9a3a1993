import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from './data-source-options';

/** The SQL of a migration for one schema; `s` is the schema's quoted name (`"child_welfare"`). */
export interface SchemaMigrationSql {
  up: (s: string) => string[];
  down: (s: string) => string[];
}

/**
 * A migration of tables the platform keeps in every service's schema (outbox and inbox, audit log, idempotency
 * keys, deadline commands, tracked deadlines): one definition, instantiated for the schema each service names.
 * `name` ends with the migration's timestamp, which orders it (TypeORM sorts by it).
 */
export function schemaMigration(name: string, schema: string, sql: SchemaMigrationSql): new () => MigrationInterface {
  const s = `"${assertSchemaName(schema)}"`;
  const run = async (q: QueryRunner, statements: string[]) => {
    for (const statement of statements) await q.query(statement);
  };
  return class implements MigrationInterface {
    name = name;
    up(q: QueryRunner): Promise<void> {
      return run(q, sql.up(s));
    }
    down(q: QueryRunner): Promise<void> {
      return run(q, sql.down(s));
    }
  };
}
