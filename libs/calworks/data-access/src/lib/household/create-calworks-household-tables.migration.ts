import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  aidedStatuses,
  cashAidStatuses,
  exemptionReasons,
  familyStabilizationReasons,
  grantChangeReasons,
  memberRoles,
  supportiveServiceStatuses,
  supportiveServiceTypes,
  verificationSources,
  verificationStatuses,
  wtwActivityTypes,
} from '@linkages/calworks-domain';
import { protectedPersonColumnsDdl, protectedPersonIndexesDdl } from '@linkages/platform-persistence';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/**
 * The CalWORKs household: Assistance Units (case number unique per county), members (protected person columns from
 * platform-persistence), the AU's aided-status and grant history, WTW participants with plans, activities, exemptions,
 * supportive services and Family Stabilization referrals.
 */
export class CreateCalworksHouseholdTables1770000000000 implements MigrationInterface {
  name = 'CreateCalworksHouseholdTables1770000000000';

  async up(q: QueryRunner): Promise<void> {
    const s = 'calworks';
    await q.query(`
      CREATE TABLE ${s}.assistance_units (
        id uuid PRIMARY KEY,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        case_number text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT assistance_units_county_case_number UNIQUE (county_code, case_number)
      )`);
    await q.query(`
      CREATE TABLE ${s}.au_members (
        id uuid PRIMARY KEY,
        au_id uuid NOT NULL REFERENCES ${s}.assistance_units (id),
        ${protectedPersonColumnsDdl(memberRoles)},
        needy boolean NOT NULL,
        aided boolean NOT NULL,
        position int NOT NULL,
        UNIQUE (au_id, position),
        CHECK (needy OR NOT aided)
      )`);
    for (const ddl of protectedPersonIndexesDdl(`${s}.au_members`, 'au_members')) await q.query(ddl);
    await q.query(`
      CREATE TABLE ${s}.au_aided_status_changes (
        id uuid PRIMARY KEY,
        au_id uuid NOT NULL REFERENCES ${s}.assistance_units (id),
        status text NOT NULL CHECK (status IN (${oneOf(aidedStatuses)})),
        effective_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (au_id, effective_on)
      )`);
    await q.query(`
      CREATE TABLE ${s}.au_grant_changes (
        id uuid PRIMARY KEY,
        au_id uuid NOT NULL REFERENCES ${s}.assistance_units (id),
        effective_on date NOT NULL,
        cash_aid_status text NOT NULL CHECK (cash_aid_status IN (${oneOf(cashAidStatuses)})),
        amount_cents int NOT NULL CHECK (amount_cents >= 0),
        reason text NOT NULL CHECK (reason IN (${oneOf(grantChangeReasons)})),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (au_id, effective_on),
        CHECK ((cash_aid_status = 'paid') = (amount_cents > 0))
      )`);
    await q.query(`
      CREATE TABLE ${s}.wtw_participants (
        id uuid PRIMARY KEY,
        au_id uuid NOT NULL REFERENCES ${s}.assistance_units (id),
        member_id uuid NOT NULL REFERENCES ${s}.au_members (id),
        county_code text NOT NULL,
        enrolled_on date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT wtw_participants_member UNIQUE (member_id)
      )`);
    await q.query(`CREATE INDEX wtw_participants_au ON ${s}.wtw_participants (au_id)`);
    await q.query(`
      CREATE TABLE ${s}.wtw_plans (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES ${s}.wtw_participants (id),
        signed_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('current', 'superseded')),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX wtw_plans_one_current ON ${s}.wtw_plans (participant_id) WHERE status = 'current'`);
    await q.query(`
      CREATE TABLE ${s}.wtw_activities (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES ${s}.wtw_plans (id),
        type text NOT NULL CHECK (type IN (${oneOf(wtwActivityTypes)})),
        weekly_hours int NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 80),
        starts_on date NOT NULL,
        ends_on date,
        position int NOT NULL,
        UNIQUE (plan_id, position),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`
      CREATE TABLE ${s}.wtw_exemptions (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES ${s}.wtw_participants (id),
        reason text NOT NULL CHECK (reason IN (${oneOf(exemptionReasons)})),
        starts_on date NOT NULL,
        ends_on date,
        event_on date,
        verification_status text NOT NULL CHECK (verification_status IN (${oneOf(verificationStatuses)})),
        verification_source text CHECK (verification_source IN (${oneOf(verificationSources)})),
        verified_on date,
        verified_by text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CHECK (verification_status <> 'pending' OR verified_on IS NULL)
      )`);
    await q.query(`CREATE INDEX wtw_exemptions_participant ON ${s}.wtw_exemptions (participant_id)`);
    await q.query(`
      CREATE TABLE ${s}.supportive_services (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES ${s}.wtw_participants (id),
        type text NOT NULL CHECK (type IN (${oneOf(supportiveServiceTypes)})),
        status text NOT NULL CHECK (status IN (${oneOf(supportiveServiceStatuses)})),
        requested_on date NOT NULL,
        authorized_on date,
        in_place_on date,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX supportive_services_participant ON ${s}.supportive_services (participant_id)`);
    await q.query(`
      CREATE TABLE ${s}.family_stabilization_referrals (
        id uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES ${s}.wtw_participants (id),
        reason text NOT NULL CHECK (reason IN (${oneOf(familyStabilizationReasons)})),
        referred_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('referred', 'enrolled', 'declined', 'ended')),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'family_stabilization_referrals',
      'supportive_services',
      'wtw_exemptions',
      'wtw_activities',
      'wtw_plans',
      'wtw_participants',
      'au_grant_changes',
      'au_aided_status_changes',
      'au_members',
      'assistance_units',
    ]) {
      await q.query(`DROP TABLE calworks.${table}`);
    }
  }
}
