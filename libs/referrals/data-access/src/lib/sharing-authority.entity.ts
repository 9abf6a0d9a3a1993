import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AuthorityCategory,
  AuthorityEndReason,
  AuthorityKind,
  ConsentScope,
  SharingAuthorityRecord,
} from '@linkages/referrals-domain';

/** A recorded authority to share a family's child-welfare information with CalWORKs (consent or MDT membership). */
@Entity({ name: 'sharing_authorities' })
export class SharingAuthorityEntity implements SharingAuthorityRecord {
  @PrimaryColumn('uuid') id!: string;
  /** The referral it was recorded on (null: recorded on the shared family). */
  @Column('uuid', { nullable: true }) referralId!: string | null;
  /** The shared (Linkages) family it covers. */
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') kind!: AuthorityKind;
  @Column('timestamptz') effectiveFrom!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('text', { array: true }) categories!: AuthorityCategory[];
  /** What a consent names beyond its categories (`substance-use-records`, 42 CFR 2.31); an MDT membership none. */
  @Column('text', { array: true, default: () => "'{}'" }) scopes!: ConsentScope[];
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
  /** expired / window-ended (recorded by the authority's process at that instant) or revoked (by staff). */
  @Column('text', { nullable: true }) endedReason!: AuthorityEndReason | null;
}
