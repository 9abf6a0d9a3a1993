import { schemaMigration } from '@linkages/platform-persistence';

/**
 * Signed webhooks (issue 14, Deliver 3–5): rotation and failure state per endpoint, the dispatcher's context per
 * message, and the look-ups the API and the dispatcher make. The endpoint's `secrets` now hold FieldCipher ciphertexts
 * (`f1.<keyId>.<…>`, the endpoint id in the associated data), current first.
 */
export const createNotificationsWebhookMigration = (schema: string) =>
  schemaMigration('CreateNotificationsWebhookTables1772730000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.webhook_endpoint_states (
        endpoint_id uuid PRIMARY KEY,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        last_delivered_at timestamptz,
        updated_at timestamptz NOT NULL
      )`,
      `
      CREATE TABLE ${s}.webhook_delivery_contexts (
        webhook_delivery_id uuid PRIMARY KEY,
        notification_id uuid NOT NULL,
        family_id text NOT NULL,
        recipient_staff_id text NOT NULL,
        county_code text NOT NULL,
        escalation_id text NOT NULL,
        channel_key text NOT NULL
      )`,
    ],
    down: (s) => ['webhook_delivery_contexts', 'webhook_endpoint_states'].map((t) => `DROP TABLE ${s}.${t}`),
  });

export const webhookMigrations = (schema: string) => [createNotificationsWebhookMigration(schema)];
