import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A CWS family referred to Linkages (LA DCFS 5122, Santa Clara SCD 1811): the record CalWORKs reads through the sharing policy. */
@Entity({ name: 'referrals' })
export class ReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') status!: 'open' | 'closed';
  @Column('text') caseType!: 'ER' | 'FM' | 'FR';
  @Column('text') cwsCaseNumber!: string;
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  @Column('date', { nullable: true }) removedOn!: string | null;
  @Column('int') childrenRemoved!: number;
  @Column('text', { array: true }) allegations!: string[];
  @Column('text', { nullable: true }) safetyConcerns!: string | null;
  @Column('text', { array: true }) servicesRecommended!: string[];
  /** The hotline reporter (PC 11167(d)): kept for child welfare, classified `reporter`, never disclosed beyond it. */
  @Column('jsonb', { nullable: true }) reporter!: { name: string; phone?: string; relationship?: string } | null;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
  @OneToMany(() => ReferralMemberEntity, (m) => m.referral, { cascade: ['insert'] }) members!: ReferralMemberEntity[];
}

/** A family member named in a referral. SSN and date of birth are encrypted; their blind indexes allow matching. */
@Entity({ name: 'referral_members' })
export class ReferralMemberEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @ManyToOne(() => ReferralEntity, (r) => r.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id' })
  referral?: ReferralEntity;
  @Column('text') role!: 'parent' | 'child' | 'caregiver';
  @Column('text') firstName!: string;
  @Column('text') lastName!: string;
  @Column('text') dobEncrypted!: string;
  @Index() @Column('text') dobIndex!: string;
  @Column('text', { nullable: true }) ssnEncrypted!: string | null;
  @Index() @Column('text', { nullable: true }) ssnIndex!: string | null;
  @Column('int') position!: number;
}

/** A recorded authority to share a family's child-welfare information with CalWORKs (consent or MDT membership). */
@Entity({ name: 'sharing_authorities' })
export class SharingAuthorityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @Column('text') countyCode!: string;
  @Column('text') kind!: 'consent' | 'mdt';
  @Column('timestamptz') effectiveFrom!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('text', { array: true }) categories!: ('identity' | 'detail')[];
  @Column('text', { array: true, nullable: true }) memberSubjects!: string[] | null;
  /** Form and its reference (SCD 1029 / county release form number), or the MDT protocol. */
  @Column('text') reference!: string;
  /** Why the window or expiry is what it is (rule, citation, computed due date). */
  @Column('text') basis!: string;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
  @Column('text', { nullable: true }) revokedBy!: string | null;
  @Column('text', { nullable: true }) revocationReason!: string | null;
}

export const referralEntities = [ReferralEntity, ReferralMemberEntity, SharingAuthorityEntity];

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
        role text NOT NULL CHECK (role IN ('parent', 'child', 'caregiver')),
        first_name text NOT NULL,
        last_name text NOT NULL,
        dob_encrypted text NOT NULL CHECK (dob_encrypted LIKE 'f1.%'),
        dob_index text NOT NULL,
        ssn_encrypted text CHECK (ssn_encrypted LIKE 'f1.%'),
        ssn_index text,
        position int NOT NULL,
        UNIQUE (referral_id, position)
      )`);
    await q.query(`CREATE INDEX referral_members_ssn_index ON referrals.referral_members (ssn_index) WHERE ssn_index IS NOT NULL`);
    await q.query(`CREATE INDEX referral_members_dob_index ON referrals.referral_members (dob_index)`);
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
