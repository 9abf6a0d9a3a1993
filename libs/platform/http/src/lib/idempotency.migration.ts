import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '@linkages/platform-persistence';

/** The table behind idempotency keys, in the service's own schema. */
export function createIdempotencyMigration(schema: string): new () => MigrationInterface {
  const s = `"${assertSchemaName(schema)}"`;
  return class CreateIdempotencyKeys1765000000000 implements MigrationInterface {
    name = 'CreateIdempotencyKeys1765000000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.idempotency_keys (
          subject text NOT NULL,
          key text NOT NULL,
          route text NOT NULL,
          request_hash text NOT NULL,
          state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
          response_body text,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (subject, key)
        )`);
      await q.query(`CREATE INDEX idempotency_keys_created_at ON ${s}.idempotency_keys (created_at)`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.idempotency_keys`);
    }
  };
}
