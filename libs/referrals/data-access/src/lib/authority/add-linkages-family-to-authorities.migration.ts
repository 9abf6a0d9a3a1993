import { schemaMigration } from '@linkages/platform-persistence';

/**
 * Authorities to share belong to the shared (Linkages) family (issue 13, D4): a referral typed in before shared
 * families existed becomes its own shared family, with its `family_id` as the family's id (new referrals get the
 * shared family's id from the matching); `sharing_authorities.family_id` backfilled from the referral, `referral_id` optional (an authority recorded on the family has none), and
 * `ended_reason` (expired / window-ended, written by the authority's process at the instant; revoked by staff).
 */
export const createLinkagesFamilyAuthoritiesMigration = (schema: string) =>
  schemaMigration('AddLinkagesFamilyToAuthorities1772300000000', schema, {
    up: (s) => [
      // Referrals typed in before shared families existed become their own shared family (same id), mapped as
      // FamilyResolver maps a typed-in referral, so resolving the referral later finds this family, not a new one.
      `INSERT INTO ${s}.linkages_families (id, county_code, status, merged_into, last_seq, created_at)
        SELECT DISTINCT ON (r.family_id) r.family_id, r.county_code, 'active', NULL, 0, r.created_at FROM ${s}.referrals r
        ORDER BY r.family_id, r.created_at
        ON CONFLICT (id) DO NOTHING`,
      `INSERT INTO ${s}.family_identities (id, family_id, county_code, ref_kind, ref_id, calworks_case_number, link_id, linked_at, unlinked_at)
        SELECT gen_random_uuid(), r.family_id, r.county_code, 'linkages-referral', r.id, r.calworks_case_number, NULL, r.created_at, NULL
        FROM ${s}.referrals r
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.family_identities i WHERE i.ref_kind = 'linkages-referral' AND i.ref_id = r.id AND i.unlinked_at IS NULL)`,
      `ALTER TABLE ${s}.sharing_authorities
        ADD COLUMN family_id uuid,
        ADD COLUMN ended_reason text CHECK (ended_reason IN ('expired', 'window-ended', 'revoked')),
        ALTER COLUMN referral_id DROP NOT NULL`,
      `UPDATE ${s}.sharing_authorities a SET family_id = r.family_id FROM ${s}.referrals r WHERE r.id = a.referral_id`,
      `UPDATE ${s}.sharing_authorities SET ended_reason = 'revoked' WHERE revoked_at IS NOT NULL AND ended_reason IS NULL`,
      `ALTER TABLE ${s}.sharing_authorities
        ALTER COLUMN family_id SET NOT NULL,
        ADD CONSTRAINT sharing_authorities_end_recorded CHECK ((revoked_at IS NULL) = (ended_reason IS NULL))`,
      `CREATE INDEX sharing_authorities_family ON ${s}.sharing_authorities (family_id)`,
    ],
    down: (s) => [
      `DROP INDEX ${s}.sharing_authorities_family`,
      `DELETE FROM ${s}.sharing_authorities WHERE referral_id IS NULL`,
      `ALTER TABLE ${s}.sharing_authorities
        DROP CONSTRAINT sharing_authorities_end_recorded,
        DROP COLUMN ended_reason,
        DROP COLUMN family_id,
        ALTER COLUMN referral_id SET NOT NULL`,
    ],
  });

/** The migration as the referrals service runs it (apps/referrals/src/persistence.ts). */
export const AddLinkagesFamilyToAuthorities1772300000000 = createLinkagesFamilyAuthoritiesMigration('referrals');
