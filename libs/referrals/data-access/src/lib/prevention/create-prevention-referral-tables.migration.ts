import { protectedPersonColumnsDdl, protectedPersonIndexesDdl, schemaMigration } from '@linkages/platform-persistence';
import { riskFactorCodes } from '@linkages/referrals-domain';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The prevention referrals typed in by CalWORKs staff and their household members (protected person columns, as
 * `referral_members`). A factory over the schema, so tests run it in a throwaway one.
 */
export const createPreventionReferralMigration = (schema: string) =>
  schemaMigration('CreatePreventionReferralTables1772600000000', schema, {
    up: (s) => [
      `
      CREATE TABLE ${s}.prevention_referrals (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        au_id uuid,
        calworks_case_number text,
        risk_factors text[] NOT NULL CHECK (risk_factors <@ ARRAY[${oneOf(riskFactorCodes)}]::text[]),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX prevention_referrals_family ON ${s}.prevention_referrals (family_id)`,
      `CREATE INDEX prevention_referrals_county ON ${s}.prevention_referrals (county_code, created_at)`,
      `
      CREATE TABLE ${s}.prevention_referral_members (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES ${s}.prevention_referrals (id) ON DELETE CASCADE,
        ${protectedPersonColumnsDdl()},
        position int NOT NULL,
        UNIQUE (referral_id, position)
      )`,
      ...protectedPersonIndexesDdl(`${s}.prevention_referral_members`, 'prevention_referral_members'),
    ],
    down: (s) => [`DROP TABLE ${s}.prevention_referral_members`, `DROP TABLE ${s}.prevention_referrals`],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts, after AddConsentScopes1772500000000). */
export const CreatePreventionReferralTables1772600000000 = createPreventionReferralMigration('referrals');
