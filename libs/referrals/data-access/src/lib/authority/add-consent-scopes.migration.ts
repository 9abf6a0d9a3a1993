import { schemaMigration } from '@linkages/platform-persistence';
import { consentScopes } from '@linkages/referrals-domain';

const oneOf = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * What a signed authorization names beyond its field categories (issue 13, D5): `scopes`, e.g. `substance-use-records`
 * (42 CFR 2.31(a)(3): a consent to disclose SUD records says what SUD information it releases). Existing authorities
 * name none; an MDT membership never does (it is not a Part 2 consent). A factory over the schema.
 */
export const createConsentScopesMigration = (schema: string) =>
  schemaMigration('AddConsentScopes1772500000000', schema, {
    up: (s) => [
      `ALTER TABLE ${s}.sharing_authorities
        ADD COLUMN scopes text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT sharing_authorities_scopes_known CHECK (scopes <@ ARRAY[${oneOf(consentScopes)}]::text[]),
        ADD CONSTRAINT sharing_authorities_scopes_consent_only CHECK (kind = 'consent' OR cardinality(scopes) = 0)`,
    ],
    down: (s) => [
      `ALTER TABLE ${s}.sharing_authorities
        DROP CONSTRAINT sharing_authorities_scopes_consent_only,
        DROP CONSTRAINT sharing_authorities_scopes_known,
        DROP COLUMN scopes`,
    ],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts). */
export const AddConsentScopes1772500000000 = createConsentScopesMigration('referrals');
