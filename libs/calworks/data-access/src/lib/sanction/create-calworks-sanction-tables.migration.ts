import {
  goodCauseGrounds,
  linkagesSources,
  noncomplianceReasons,
  noticeForms,
  supervisorGoodCauseGrounds,
  systemGoodCauseGrounds,
} from '@linkages/calworks-domain';
import { schemaMigration } from '@linkages/platform-persistence';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const county = `county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$')`;

/**
 * The WTW sanction process (RULES.md 3): noncompliance episodes, good-cause determinations with their grounds,
 * compliance plans, sanction requests and supervisor reviews, sanctions (with any state hearing), cure requests and
 * cure plans. Rows are written by the sanction workflow's activity, one step per transaction.
 */
export const createCalworksSanctionTablesMigration = (schema: string) =>
  schemaMigration('CreateCalworksSanctionTables1771000000000', schema, {
    up: (s) => [
      `CREATE TABLE ${s}.wtw_noncompliance_episodes (
        id uuid PRIMARY KEY,
        ${county},
        family_id uuid NOT NULL,
        au_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        notice_form text NOT NULL CHECK (notice_form IN (${oneOf(noticeForms)})),
        notice_issued_on date NOT NULL,
        reason text NOT NULL CHECK (reason IN (${oneOf(noncomplianceReasons)})),
        status text NOT NULL CHECK (status IN ('compliance-period', 'compliance-plan', 'sanction-requested', 'sanctioned', 'resolved')),
        linkages_priority text CHECK (linkages_priority IN (${oneOf(linkagesSources)})),
        resolution text CHECK (resolution IN ('good-cause', 'complied', 'untick-guard', 'cured', 'lifted', 'hearing-reversed')),
        resolved_on date,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX wtw_noncompliance_episodes_participant ON ${s}.wtw_noncompliance_episodes (participant_id)`,
      `CREATE TABLE ${s}.wtw_good_cause_determinations (
        id uuid PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        ground text NOT NULL CHECK (ground IN (${oneOf([...goodCauseGrounds, ...systemGoodCauseGrounds])})),
        phase text NOT NULL CHECK (phase IN ('compliance-period', 'compliance-plan-failed', 'supervisor-review', 'untick-guard', 'state-hearing')),
        determined_on date NOT NULL,
        determined_by text NOT NULL
      )`,
      `CREATE TABLE ${s}.wtw_compliance_plans (
        id uuid PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        signed_on date NOT NULL,
        plan_ends_on date NOT NULL CHECK (plan_ends_on >= signed_on),
        outcome text CHECK (outcome IN ('completed', 'failed')),
        outcome_on date,
        recorded_by text NOT NULL
      )`,
      `CREATE TABLE ${s}.wtw_sanction_requests (
        id uuid PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        basis text NOT NULL CHECK (basis IN ('compliance-period-ended', 'compliance-plan-failed')),
        requested_on date NOT NULL,
        notice text NOT NULL CHECK (notice IN (${oneOf([...noticeForms, 'NA 817'])}))
      )`,
      `CREATE TABLE ${s}.wtw_supervisor_reviews (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES ${s}.wtw_sanction_requests (id),
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        decision text NOT NULL CHECK (decision IN ('sanction', 'good-cause')),
        ground text CHECK (ground IN (${oneOf(supervisorGoodCauseGrounds)})),
        reviewed_on date NOT NULL,
        reviewed_by text NOT NULL
      )`,
      `CREATE TABLE ${s}.wtw_sanctions (
        id uuid PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        request_id uuid NOT NULL REFERENCES ${s}.wtw_sanction_requests (id),
        ${county},
        participant_id uuid NOT NULL,
        imposed_on date NOT NULL,
        effective_on date NOT NULL,
        effective_explanation text NOT NULL,
        status text NOT NULL CHECK (status IN ('imposed', 'lifted', 'cured', 'reversed')),
        cured_on date,
        aid_restored_on date,
        hearing_requested_on date,
        aid_paid_pending boolean,
        hearing_outcome text CHECK (hearing_outcome IN ('sustained', 'reversed'))
      )`,
      `CREATE INDEX wtw_sanctions_participant ON ${s}.wtw_sanctions (participant_id)`,
      `CREATE TABLE ${s}.wtw_cure_requests (
        id uuid PRIMARY KEY,
        sanction_id uuid NOT NULL REFERENCES ${s}.wtw_sanctions (id),
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        contact_on date NOT NULL,
        child_care text NOT NULL CHECK (child_care IN ('not-needed', 'arranging', 'in-place')),
        child_care_in_place_on date
      )`,
      `CREATE TABLE ${s}.wtw_cure_plans (
        id uuid PRIMARY KEY,
        cure_request_id uuid NOT NULL REFERENCES ${s}.wtw_cure_requests (id),
        episode_id uuid NOT NULL REFERENCES ${s}.wtw_noncompliance_episodes (id),
        ${county},
        signed_on date NOT NULL,
        activity_started_on date,
        completed_on date,
        ended text CHECK (ended IN ('completed', 'activity-time-ended'))
      )`,
    ],
    down: (s) =>
      [
        'wtw_cure_plans',
        'wtw_cure_requests',
        'wtw_sanctions',
        'wtw_supervisor_reviews',
        'wtw_sanction_requests',
        'wtw_compliance_plans',
        'wtw_good_cause_determinations',
        'wtw_noncompliance_episodes',
      ].map((t) => `DROP TABLE ${s}.${t}`),
  });

/** The migration in the service's schema (the class apps/calworks/src/persistence.ts lists). */
export const CreateCalworksSanctionTables1771000000000 = createCalworksSanctionTablesMigration('calworks');
