import { schemaMigration } from '@linkages/platform-persistence';

/** The escalations' read model (issue 14 item 2): one row per escalation and its timeline. A factory over the schema. */
export const escalationMigrations = (schema: string) => [
  schemaMigration('CreateNotificationsEscalationTables1772700000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.escalations (
        escalation_id uuid PRIMARY KEY,
        deadline_id uuid NOT NULL,
        family_id uuid NOT NULL,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        owner_service text NOT NULL,
        rule_id text NOT NULL,
        citation text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        level int NOT NULL,
        next jsonb,
        frozen_policy jsonb,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`,
      `CREATE INDEX escalations_deadline ON ${s}.escalations (deadline_id)`,
      `
      CREATE TABLE ${s}.escalation_timeline (
        entry_key text PRIMARY KEY,
        escalation_id uuid NOT NULL REFERENCES ${s}.escalations (escalation_id),
        seq bigserial NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        level int,
        detail jsonb NOT NULL
      )`,
      `CREATE INDEX escalation_timeline_order ON ${s}.escalation_timeline (escalation_id, seq)`,
    ],
    down: (s) => [`DROP TABLE ${s}.escalation_timeline`, `DROP TABLE ${s}.escalations`],
  }),
];
