import { schemaMigration } from '@linkages/platform-persistence';

/** The delivery tables of notifications (issue 14, Deliver 3 and 4). A factory over the schema. */
export const createNotificationsDeliveryMigration = (schema: string) =>
  schemaMigration('CreateNotificationsDeliveryTables1772720000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.inbox_items (
        sequence bigserial PRIMARY KEY,
        notification_id uuid NOT NULL UNIQUE,
        recipient_staff_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        escalation_id text NOT NULL,
        deadline_id text NOT NULL,
        level integer NOT NULL,
        read_at timestamptz,
        archived_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX inbox_items_recipient ON ${s}.inbox_items (recipient_staff_id, sequence)`,
      `
      CREATE TABLE ${s}.deliveries (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        notification_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('in-app', 'email', 'webhook')),
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        detail text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `
      CREATE TABLE ${s}.delivery_attempts (
        attempt_id uuid PRIMARY KEY,
        delivery_id uuid NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'skipped')),
        detail text,
        at timestamptz NOT NULL
      )`,
      `
      CREATE TABLE ${s}.webhook_endpoints (
        id uuid PRIMARY KEY,
        agency text NOT NULL,
        county_code text NOT NULL,
        url text NOT NULL,
        secrets text[] NOT NULL CHECK (cardinality(secrets) BETWEEN 1 AND 2),
        event_types text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_reason text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `
      CREATE TABLE ${s}.webhook_deliveries (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL,
        delivery_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_detail text,
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX webhook_deliveries_due ON ${s}.webhook_deliveries (status, next_attempt_at)`,
      `CREATE TABLE ${s}.used_ack_nonces (nonce text PRIMARY KEY, used_at timestamptz NOT NULL)`,
    ],
    down: (s) =>
      ['used_ack_nonces', 'webhook_deliveries', 'webhook_endpoints', 'delivery_attempts', 'deliveries', 'inbox_items'].map(
        (t) => `DROP TABLE ${s}.${t}`,
      ),
  });

export const deliveryMigrations = (schema: string) => [createNotificationsDeliveryMigration(schema)];
