import type { MigrationInterface, QueryRunner } from 'typeorm';
import { personRoles } from '@linkages/child-welfare-domain';
import { protectedPersonColumnsDdl, protectedPersonIndexesDdl } from '@linkages/platform-persistence';

/**
 * Child welfare's tables (the class name is the one the migrations table already records). The persons table's
 * protected columns come from ProtectedPersonColumns, written once in platform-persistence.
 */
export class CreateChildWelfareTables1769000000000 implements MigrationInterface {
  name = 'CreateChildWelfareTables1769000000000';

  async up(q: QueryRunner): Promise<void> {
    const s = 'child_welfare';
    await q.query(`
      CREATE TABLE ${s}.families (
        id uuid PRIMARY KEY,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        calworks_case_number text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE ${s}.persons (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES ${s}.families (id),
        ${protectedPersonColumnsDdl(personRoles)},
        icwa boolean NOT NULL,
        position int NOT NULL,
        UNIQUE (family_id, position)
      )`);
    // The SSN lookup only: child welfare has no date-of-birth index.
    for (const ddl of protectedPersonIndexesDdl(`${s}.persons`, 'persons', { dob: false })) await q.query(ddl);
    await q.query(`
      CREATE TABLE ${s}.referrals (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES ${s}.families (id),
        county_code text NOT NULL,
        received_at timestamptz NOT NULL,
        allegations text[] NOT NULL,
        reporter jsonb,
        status text NOT NULL CHECK (status IN ('received', 'evaluated-out', 'accepted', 'closed')),
        screening_decision text CHECK (screening_decision IN ('evaluated-out', 'accepted', 'differential-response')),
        screening_reason text,
        poverty_only boolean NOT NULL,
        decided_at timestamptz,
        decided_by text,
        response_priority text CHECK (response_priority IN ('immediate', '10-day')),
        downgrade jsonb,
        first_contact_at timestamptz,
        disposition text CHECK (disposition IN ('substantiated', 'inconclusive', 'unfounded')),
        disposition_at timestamptz,
        created_by text NOT NULL,
        CHECK (first_contact_at IS NULL OR status = 'accepted' OR status = 'closed'),
        CHECK (disposition IS NULL OR first_contact_at IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE ${s}.assessments (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES ${s}.referrals (id),
        tool text NOT NULL CHECK (tool IN ('sdm-safety', 'sdm-risk')),
        result text NOT NULL,
        completed_at timestamptz NOT NULL,
        recorded_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE ${s}.cases (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES ${s}.families (id),
        referral_id uuid REFERENCES ${s}.referrals (id),
        county_code text NOT NULL,
        type text NOT NULL CHECK (type IN ('emergency-response', 'family-maintenance-court', 'family-maintenance-voluntary', 'family-reunification', 'after-care')),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        opened_on date NOT NULL,
        detained boolean NOT NULL,
        petition_filed_on date,
        jurisdiction_on date,
        disposition_on date,
        disposition_outcome text,
        entered_foster_care_on date,
        services_months int,
        services_terminated_on date,
        closed_on date,
        close_reason text,
        CHECK (disposition_on IS NULL OR jurisdiction_on IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX cases_family ON ${s}.cases (family_id)`);
    await q.query(`
      CREATE TABLE ${s}.removals (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES ${s}.cases (id),
        child_id uuid NOT NULL REFERENCES ${s}.persons (id),
        removed_at timestamptz NOT NULL,
        placement_type text NOT NULL,
        sibling_group_placed_together boolean NOT NULL,
        returned_on date,
        parental_rights_terminated_on date
      )`);
    await q.query(`
      CREATE TABLE ${s}.hearings (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES ${s}.cases (id),
        type text NOT NULL,
        held_on date NOT NULL,
        outcome text NOT NULL,
        continued_to date,
        recorded_by text NOT NULL
      )`);
    await q.query(
      `CREATE TABLE ${s}.case_plans (id uuid PRIMARY KEY, case_id uuid NOT NULL REFERENCES ${s}.cases (id), kind text NOT NULL, filed_on date NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE ${s}.cft_meetings (id uuid PRIMARY KEY, case_id uuid NOT NULL REFERENCES ${s}.cases (id), held_on date NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE ${s}.visits (id uuid PRIMARY KEY, case_id uuid NOT NULL REFERENCES ${s}.cases (id), child_id uuid NOT NULL REFERENCES ${s}.persons (id), visited_on date NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'visits',
      'cft_meetings',
      'case_plans',
      'hearings',
      'removals',
      'cases',
      'assessments',
      'referrals',
      'persons',
      'families',
    ]) {
      await q.query(`DROP TABLE child_welfare.${table}`);
    }
  }
}
