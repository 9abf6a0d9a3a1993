import type { MigrationInterface, QueryRunner } from 'typeorm';
import { protectedPersonColumnsDdl, protectedPersonIndexesDdl } from '@linkages/platform-persistence';

/** The referrals, their members (protected person columns) and the recorded sharing authorities. */
export class CreateReferralTables1767000000000 implements MigrationInterface {
  name = 'CreateReferralTables1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals.referrals (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        county_code text NOT NULL CHECK (county_code ~ '^06[0-9]{3}$'),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        case_type text NOT NULL CHECK (case_type IN ('ER', 'FM', 'FR')),
        cws_case_number text NOT NULL,
        calworks_case_number text,
        removed_on date,
        children_removed int NOT NULL CHECK (children_removed >= 0),
        allegations text[] NOT NULL,
        safety_concerns text,
        services_recommended text[] NOT NULL,
        reporter jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX referrals_family ON referrals.referrals (family_id)`);
    await q.query(`CREATE INDEX referrals_county ON referrals.referrals (county_code, created_at)`);
    await q.query(`
      CREATE TABLE referrals.referral_members (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals.referrals (id) ON DELETE CASCADE,
        ${protectedPersonColumnsDdl()},
        position int NOT NULL,
        UNIQUE (referral_id, position)
      )`);
    for (const index of protectedPersonIndexesDdl('referrals.referral_members', 'referral_members')) await q.query(index);
    await q.query(`
      CREATE TABLE referrals.sharing_authorities (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals.referrals (id) ON DELETE CASCADE,
        county_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('consent', 'mdt')),
        effective_from timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > effective_from),
        categories text[] NOT NULL,
        member_subjects text[],
        reference text NOT NULL,
        basis text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        revocation_reason text,
        CHECK (kind <> 'mdt' OR member_subjects IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX sharing_authorities_referral ON referrals.sharing_authorities (referral_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referrals.sharing_authorities`);
    await q.query(`DROP TABLE referrals.referral_members`);
    await q.query(`DROP TABLE referrals.referrals`);
  }
}
