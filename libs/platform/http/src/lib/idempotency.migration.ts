import { schemaMigration } from '@linkages/platform-persistence';

/** The table behind idempotency keys, in the service's own schema. */
export const createIdempotencyMigration = (schema: string) =>
  schemaMigration('CreateIdempotencyKeys1765000000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.idempotency_keys (
        subject text NOT NULL,
        key text NOT NULL,
        route text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, key)
      )`,
      `CREATE INDEX idempotency_keys_created_at ON ${s}.idempotency_keys (created_at)`,
    ],
    down: (s) => [`DROP TABLE ${s}.idempotency_keys`],
  });
