import { assertSchemaName, schemaMigration } from '@linkages/platform-persistence';

/** The LISTEN/NOTIFY channel the relay wakes on. */
export const deadlineCommandsChannel = (schema: string) => `${assertSchemaName(schema)}_deadline_commands`;

/** The deadline command outbox, in the service's own schema. */
export const createDeadlineCommandsMigration = (schema: string) =>
  schemaMigration('CreateDeadlineCommands1768000000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.deadline_commands (
        seq bigserial PRIMARY KEY,
        command_id uuid NOT NULL UNIQUE,
        deadline_id uuid NOT NULL,
        op text NOT NULL CHECK (op IN ('open', 'satisfy', 'extend', 'cancel')),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now()
      )`,
      // The relay walks pending rows in seq order and checks each for an earlier pending row of its deadline.
      `CREATE INDEX deadline_commands_pending ON ${s}.deadline_commands (seq) WHERE done_at IS NULL`,
      `CREATE INDEX deadline_commands_pending_by_deadline ON ${s}.deadline_commands (deadline_id, seq) WHERE done_at IS NULL`,
      `CREATE INDEX deadline_commands_done_at ON ${s}.deadline_commands (done_at) WHERE done_at IS NOT NULL`,
    ],
    down: (s) => [`DROP TABLE ${s}.deadline_commands`],
  });

/**
 * The clocks a service tracks (`TrackedDeadlineEntity`), in its own schema. IF NOT EXISTS: child welfare's schema
 * already holds the table from before it became a platform table (created then by CreateChildWelfareTables).
 */
export const createTrackedDeadlinesMigration = (schema: string) =>
  schemaMigration('CreateTrackedDeadlines1768000000001', schema, {
    up: (s) => [
      `
      CREATE TABLE IF NOT EXISTS ${s}.tracked_deadlines (
        deadline_id uuid PRIMARY KEY,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        purpose text NOT NULL,
        rule_id text NOT NULL,
        start_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'satisfied', 'cancelled')),
        UNIQUE (subject_id, purpose)
      )`,
    ],
    down: (s) => [`DROP TABLE ${s}.tracked_deadlines`],
  });

/** The deadline capability's tables in a service's schema, oldest first. */
export const deadlineTrackingMigrations = (schema: string) => [
  createDeadlineCommandsMigration(schema),
  createTrackedDeadlinesMigration(schema),
];
