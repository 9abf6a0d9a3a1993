import { schemaMigration } from '@linkages/platform-persistence';

/** Rows are spread over lanes by partition key; one relay at a time holds a lane, so a key's events stay in order. */
export const OUTBOX_LANES = 16;

/**
 * The transactional outbox and the idempotent inbox of one service, in its own schema. Each service lists
 * `createMessagingMigration(schema)` among its migrations.
 */
export const createMessagingMigration = (schema: string) =>
  schemaMigration('CreateMessagingTables1764000000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        partition_key text NOT NULL,
        lane smallint NOT NULL CHECK (lane >= 0 AND lane < ${OUTBOX_LANES}),
        event_type text NOT NULL,
        headers jsonb NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz
      )`,
      // The relay reads the oldest unsent rows in insertion order: an index walk that stops after one batch.
      `CREATE INDEX outbox_unsent ON ${s}.outbox (seq) WHERE sent_at IS NULL`,
      `CREATE INDEX outbox_sent_at ON ${s}.outbox (sent_at) WHERE sent_at IS NOT NULL`,
      `
      CREATE TABLE ${s}.inbox (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer_group, event_id)
      )`,
      `CREATE INDEX inbox_processed_at ON ${s}.inbox (processed_at)`,
    ],
    down: (s) => [`DROP TABLE ${s}.inbox`, `DROP TABLE ${s}.outbox`],
  });

/**
 * The inbox remembers what it applied under each event id (issue 17): a fingerprint of the event's type and body, so
 * a later message with an applied id but another body is a conflict (dead-lettered) rather than a silent duplicate.
 * Rows applied before it have none, and are compared by type only. The consumer uses the column when the schema has it.
 */
export const createInboxFingerprintMigration = (schema: string) =>
  schemaMigration('AddInboxFingerprint1796300000000', schema, {
    up: (s) => [`ALTER TABLE ${s}.inbox ADD COLUMN fingerprint text`],
    down: (s) => [`ALTER TABLE ${s}.inbox DROP COLUMN fingerprint`],
  });

/** The messaging tables of one service, oldest first: the outbox and inbox, then the inbox fingerprint. */
export const messagingMigrations = (schema: string) => [createMessagingMigration(schema), createInboxFingerprintMigration(schema)];
