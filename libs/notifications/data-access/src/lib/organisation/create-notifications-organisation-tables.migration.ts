import { schemaMigration } from '@linkages/platform-persistence';

/** The organisation (issue 14 item 1): people, units and assignments. A factory over the schema. */
export const organisationMigrations = (schema: string) => [
  schemaMigration('CreateNotificationsOrganisationTables1772710000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.staff_people (
        staff_id uuid PRIMARY KEY,
        display_name text NOT NULL,
        email text,
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks')),
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        unit_id text NOT NULL,
        absences jsonb NOT NULL,
        quiet_hours jsonb,
        channels jsonb NOT NULL,
        source text NOT NULL CHECK (source IN ('configuration', 'api')),
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX staff_people_scope ON ${s}.staff_people (county_code, agency)`,
      `
      CREATE TABLE ${s}.staff_units (
        unit_id text PRIMARY KEY,
        name text NOT NULL,
        agency text NOT NULL CHECK (agency IN ('cws', 'calworks')),
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        supervisor_id uuid NOT NULL,
        manager_id uuid NOT NULL,
        manager_on_duty_id uuid NOT NULL,
        after_hours_cover_id uuid,
        intake_worker_id uuid,
        programs jsonb NOT NULL,
        source text NOT NULL CHECK (source IN ('configuration', 'api')),
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX staff_units_scope ON ${s}.staff_units (county_code, agency)`,
      `
      CREATE TABLE ${s}.staff_assignments (
        assignment_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        county_code text NOT NULL,
        owner_service text NOT NULL,
        subject_ref text,
        family_id uuid,
        staff_id uuid NOT NULL,
        reason text NOT NULL,
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        CHECK (subject_ref IS NOT NULL OR family_id IS NOT NULL)
      )`,
      `CREATE INDEX staff_assignments_scope ON ${s}.staff_assignments (county_code, owner_service)`,
    ],
    down: (s) => [`DROP TABLE ${s}.staff_assignments`, `DROP TABLE ${s}.staff_units`, `DROP TABLE ${s}.staff_people`],
  }),
];
