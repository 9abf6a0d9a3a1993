import { frCloseReasons, frStatuses } from '@linkages/calworks-domain';
import { schemaMigration } from '@linkages/platform-persistence';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const county = `county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$')`;

/**
 * The FR aid process (AB 135 window, AB 429 services): removals as CalWORKs holds them, temporary absences, windows
 * (one per removal), AB 429 services, the review list of unmatched case numbers and the eligibility worker's pending
 * member confirmations. A factory over the schema, so process tests run it in a throwaway schema.
 */
export const createFrWindowMigration = (schema: string) =>
  schemaMigration('CreateCalworksFrWindowTables1770300000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.fr_removals (
        removal_id uuid PRIMARY KEY,
        ${county},
        family_id uuid NOT NULL,
        case_id uuid NOT NULL,
        child_id uuid NOT NULL,
        au_id uuid,
        review_id uuid,
        removed_at timestamptz NOT NULL,
        all_children_removed boolean NOT NULL,
        status text NOT NULL CHECK (status IN (${oneOf(frStatuses)})),
        recommendation_case_plan_id uuid,
        recommended_on date,
        recommends_ab429_services boolean,
        recommendation_escalated_at timestamptz,
        close_reason text CHECK (close_reason IN (${oneOf(frCloseReasons)})),
        closed_on date,
        refusals jsonb NOT NULL,
        received_at timestamptz NOT NULL
      )`,
      `CREATE INDEX fr_removals_case ON ${s}.fr_removals (case_id)`,
      `
      CREATE TABLE ${s}.fr_temporary_absences (
        removal_id uuid PRIMARY KEY REFERENCES ${s}.fr_removals (removal_id),
        ${county},
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        due_at timestamptz NOT NULL,
        rule_id text NOT NULL,
        started_at timestamptz NOT NULL
      )`,
      `
      CREATE TABLE ${s}.fr_aid_windows (
        id uuid PRIMARY KEY,
        removal_id uuid NOT NULL REFERENCES ${s}.fr_removals (removal_id),
        ${county},
        family_id uuid NOT NULL,
        program text NOT NULL CHECK (program IN ('ab135-cash-aid')),
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on > starts_on),
        start_explanation jsonb NOT NULL,
        rule_id text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_on date,
        close_reason text CHECK (close_reason IN (${oneOf(frCloseReasons)})),
        CONSTRAINT fr_aid_windows_removal UNIQUE (removal_id)
      )`,
      `
      CREATE TABLE ${s}.fr_ab429_services (
        id uuid PRIMARY KEY,
        removal_id uuid NOT NULL REFERENCES ${s}.fr_removals (removal_id),
        ${county},
        family_id uuid NOT NULL,
        parent_member_id uuid NOT NULL,
        starts_on date NOT NULL,
        redetermination_round int NOT NULL CHECK (redetermination_round >= 1),
        redetermination_due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'ended')),
        ended_on date,
        end_reason text,
        CONSTRAINT fr_ab429_services_removal UNIQUE (removal_id)
      )`,
      `
      CREATE TABLE ${s}.fr_unmatched_case_numbers (
        id uuid PRIMARY KEY,
        ${county},
        case_number text NOT NULL,
        removal_id uuid NOT NULL,
        family_id uuid NOT NULL,
        case_id uuid NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'matched')),
        matched_au_id uuid,
        matched_by text,
        matched_at timestamptz,
        CONSTRAINT fr_unmatched_case_numbers_removal UNIQUE (removal_id)
      )`,
      `CREATE INDEX fr_unmatched_case_numbers_open ON ${s}.fr_unmatched_case_numbers (county_code, received_at) WHERE status = 'open'`,
      `
      CREATE TABLE ${s}.fr_member_confirmations (
        removal_id uuid PRIMARY KEY REFERENCES ${s}.fr_removals (removal_id),
        ${county},
        au_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed')),
        requested_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        confirmed_by text,
        removed_member_ids uuid[],
        parent_member_id uuid,
        facts jsonb,
        exclusions jsonb,
        refusal_code text
      )`,
    ],
    down: (s) => [
      `DROP TABLE ${s}.fr_member_confirmations`,
      `DROP TABLE ${s}.fr_unmatched_case_numbers`,
      `DROP TABLE ${s}.fr_ab429_services`,
      `DROP TABLE ${s}.fr_aid_windows`,
      `DROP TABLE ${s}.fr_temporary_absences`,
      `DROP TABLE ${s}.fr_removals`,
    ],
  });

/** The migration as the calworks service runs it (apps/calworks/src/persistence.ts). */
export const CreateCalworksFrWindowTables1770300000000 = createFrWindowMigration('calworks');
