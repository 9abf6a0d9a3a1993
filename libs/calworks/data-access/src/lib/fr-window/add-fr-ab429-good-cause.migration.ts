import { schemaMigration } from '@linkages/platform-persistence';
import { createFrMemberProposalsMigration } from './add-fr-member-proposals.migration';
import { createFrWindowMigration } from './create-calworks-fr-window-tables.migration';

/**
 * AB 429 services learn child welfare's good cause to continue past their period and the redeterminations the
 * eligibility worker completed (RULES.md 4, "Services beyond 6 months", "Reporting (AB 429)"); null before either.
 */
export const createFrAb429GoodCauseMigration = (schema: string) =>
  schemaMigration('AddFrAb429GoodCause1771100000000', schema, {
    up: (s) => [
      `ALTER TABLE ${s}.fr_ab429_services
        ADD COLUMN good_cause_granted_on date,
        ADD COLUMN good_cause_through date,
        ADD COLUMN good_cause_event_id uuid,
        ADD COLUMN last_redetermination_on date,
        ADD COLUMN last_redetermination_event_id uuid,
        ADD CONSTRAINT fr_ab429_good_cause_after_start CHECK (good_cause_through IS NULL OR good_cause_through > starts_on)`,
    ],
    down: (s) => [
      `ALTER TABLE ${s}.fr_ab429_services
        DROP CONSTRAINT fr_ab429_good_cause_after_start,
        DROP COLUMN good_cause_granted_on,
        DROP COLUMN good_cause_through,
        DROP COLUMN good_cause_event_id,
        DROP COLUMN last_redetermination_on,
        DROP COLUMN last_redetermination_event_id`,
    ],
  });

/** The migration as the calworks service runs it (apps/calworks/src/persistence.ts). */
export const AddFrAb429GoodCause1771100000000 = createFrAb429GoodCauseMigration('calworks');

/** The FR process's migrations over a schema, oldest first (process and API tests run them in a throwaway schema). */
export const frWindowMigrations = (schema: string) => [
  createFrWindowMigration(schema),
  createFrAb429GoodCauseMigration(schema),
  createFrMemberProposalsMigration(schema),
];
