import { caseStages, strategies } from '@linkages/referrals-domain';
import { schemaMigration } from '@linkages/platform-persistence';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const county = `county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$')`;
const taskStatuses = ['open', 'done', 'overdue', 'cancelled'];

/**
 * The coordination of a shared family (issue 13, Deliver 3 and 4): its enrollments in a strategy (superseded as the
 * CWS case moves), its coordination tasks (each with a clock), its joint meetings, and the steps the coordination
 * process applied (once each). A factory over the schema, so tests run it in a throwaway one.
 */
export const createLinkagesCoordinationMigration = (schema: string) =>
  schemaMigration('CreateLinkagesCoordinationTables1772100000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.enrollments (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        ${county},
        strategy text NOT NULL CHECK (strategy IN (${oneOf(strategies)})),
        tracks text[] NOT NULL,
        reasons text[] NOT NULL,
        liaison_subject text,
        case_stage text NOT NULL CHECK (case_stage IN (${oneOf(caseStages)})),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        superseded_by uuid
      )`,
      `CREATE INDEX enrollments_family ON ${s}.enrollments (family_id)`,
      `CREATE UNIQUE INDEX enrollments_current ON ${s}.enrollments (family_id) WHERE ended_at IS NULL`,
      `
      CREATE TABLE ${s}.coordination_tasks (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        ${county},
        code text NOT NULL,
        status text NOT NULL CHECK (status IN (${oneOf(taskStatuses)})),
        rule_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        purpose text NOT NULL,
        case_id uuid,
        start_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz,
        done_at timestamptz,
        done_by text,
        outcome text,
        escalation_level integer NOT NULL,
        source_event_id uuid,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE UNIQUE INDEX coordination_tasks_subject ON ${s}.coordination_tasks (subject_id, purpose)`,
      `CREATE INDEX coordination_tasks_family ON ${s}.coordination_tasks (family_id)`,
      `
      CREATE TABLE ${s}.joint_meetings (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        ${county},
        kind text NOT NULL CHECK (kind IN ('joint-case-planning', 'cft')),
        case_id uuid,
        held_on date NOT NULL,
        calworks_worker_invited boolean NOT NULL,
        recorded_by text NOT NULL,
        source_event_id uuid,
        recorded_at timestamptz NOT NULL
      )`,
      `CREATE INDEX joint_meetings_family ON ${s}.joint_meetings (family_id)`,
      `
      CREATE TABLE ${s}.coordination_steps (
        step_id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        step text NOT NULL,
        applied_at timestamptz NOT NULL
      )`,
    ],
    down: (s) => [
      `DROP TABLE ${s}.coordination_steps`,
      `DROP TABLE ${s}.joint_meetings`,
      `DROP TABLE ${s}.coordination_tasks`,
      `DROP TABLE ${s}.enrollments`,
    ],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts). */
export const CreateLinkagesCoordinationTables1772100000000 = createLinkagesCoordinationMigration('referrals');
