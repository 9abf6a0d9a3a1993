import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RefKind } from '@linkages/referrals-domain';

/** An agency's family (CWS family, CalWORKs AU, typed-in referral) mapped to a shared family; unlinked rows are history. */
@Entity({ name: 'family_identities' })
@Index('family_identities_current', ['refKind', 'refId'], { unique: true, where: 'unlinked_at IS NULL' })
@Index('family_identities_family', ['familyId'])
export class FamilyIdentityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') refKind!: RefKind;
  @Column('uuid') refId!: string;
  /** The CalWORKs case number the agency recorded for this family (CWS: from the referral; CalWORKs: the AU's). */
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  /** The person link that brought this identity into the family (null for the identity the family was minted for). */
  @Column('uuid', { nullable: true }) linkId!: string | null;
  @Column('timestamptz') linkedAt!: Date;
  @Column('timestamptz', { nullable: true }) unlinkedAt!: Date | null;
}
