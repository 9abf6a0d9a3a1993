import { schemaMigration } from '@linkages/platform-persistence';

/**
 * The supervisor's deadline queue (issue 15, items 2–3): one row per deadline the service heard of, one per deadline
 * event (its CloudEvent id the key, so a redelivery appends nothing). A factory over the schema.
 */
export const deadlineQueueMigrations = (schema: string) => [
  schemaMigration('CreateNotificationsDeadlineQueueTables1772740000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.deadline_queue_items (
        deadline_id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        owner_service text NOT NULL,
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks', 'linkages')),
        program text NOT NULL,
        rule_id text NOT NULL,
        citation text NOT NULL,
        subject_ref text NOT NULL,
        due_at timestamptz NOT NULL,
        explanation text,
        state text NOT NULL CHECK (state IN ('due-soon', 'due', 'overdue', 'met', 'cancelled')),
        legally_urgent boolean NOT NULL,
        assignee_staff_id uuid,
        unit_id text,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX deadline_queue_items_scope ON ${s}.deadline_queue_items (county_code, state, due_at)`,
      `
      CREATE TABLE ${s}.deadline_queue_events (
        event_id text PRIMARY KEY,
        deadline_id uuid NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        detail jsonb NOT NULL
      )`,
      `CREATE INDEX deadline_queue_events_order ON ${s}.deadline_queue_events (deadline_id, at)`,
    ],
    down: (s) => [`DROP TABLE ${s}.deadline_queue_events`, `DROP TABLE ${s}.deadline_queue_items`],
  }),
];
