import { conflictCodes, planActivityKinds } from '@linkages/referrals-domain';
import { schemaMigration } from '@linkages/platform-persistence';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const county = `county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$')`;

/**
 * The coordinated case plan (issue 13, Deliver 5): both agencies' activities with their weekly slots and hours
 * (`source_ref`: the agency's own id of an activity or service that came by event, so a redelivered or re-signed plan
 * updates the row), the people's circumstances, and the conflicts flagged (`fingerprint` UNIQUE per family: a
 * conflict is flagged once; `resolved_at` when it no longer holds). A factory over the schema.
 */
export const createLinkagesPlanMigration = (schema: string) =>
  schemaMigration('CreateLinkagesPlanTables1772200000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.plan_activities (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        ${county},
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks')),
        source text NOT NULL CHECK (source IN ('event', 'staff')),
        source_ref text,
        person_record_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN (${oneOf(planActivityKinds)})),
        type_code text NOT NULL,
        title text,
        weekly_hours numeric(5, 2) NOT NULL CHECK (weekly_hours >= 0 AND weekly_hours <= 168),
        slots jsonb NOT NULL,
        starts_on date NOT NULL,
        ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
        requires_child_care boolean NOT NULL,
        requires_transport boolean NOT NULL,
        location text,
        status text NOT NULL CHECK (status IN ('active', 'ended')),
        wtw_count text CHECK (wtw_count IN ('candidate', 'confirmed', 'rejected')),
        wtw_count_by text,
        wtw_count_at timestamptz,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_event_id uuid,
        UNIQUE (family_id, source_ref)
      )`,
      `CREATE INDEX plan_activities_family ON ${s}.plan_activities (family_id, starts_on)`,
      `
      CREATE TABLE ${s}.person_circumstances (
        family_id uuid NOT NULL,
        person_record_id text NOT NULL,
        ${county},
        has_vehicle boolean NOT NULL,
        has_licence boolean NOT NULL,
        transit_access boolean NOT NULL,
        child_care_arranged boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (family_id, person_record_id)
      )`,
      `
      CREATE TABLE ${s}.plan_conflicts (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        ${county},
        code text NOT NULL CHECK (code IN (${oneOf(conflictCodes)})),
        person_record_id text NOT NULL,
        activity_ids uuid[] NOT NULL,
        reason text NOT NULL,
        fingerprint text NOT NULL,
        flagged_at timestamptz NOT NULL,
        resolved_at timestamptz,
        event_id uuid NOT NULL UNIQUE,
        UNIQUE (family_id, fingerprint)
      )`,
      `CREATE INDEX plan_conflicts_family ON ${s}.plan_conflicts (family_id, flagged_at)`,
    ],
    down: (s) => [`DROP TABLE ${s}.plan_conflicts`, `DROP TABLE ${s}.person_circumstances`, `DROP TABLE ${s}.plan_activities`],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts). */
export const CreateLinkagesPlanTables1772200000000 = createLinkagesPlanMigration('referrals');
