import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { ProtectedPersonColumns } from '@linkages/platform-persistence';
import type { MemberRole, RiskFactorCode } from '@linkages/referrals-domain';

// A CalWORKs applicant household referred for Linkages Prevention (issue 13, Deliver 3: the cases no agency event
// covers). Its people are stored like a CWS referral's members (ProtectedPersonColumns: SSN and date of birth
// encrypted, blind indexes) and matched through the identity pipeline as the family ref `linkages-referral`.

@Entity({ name: 'prevention_referrals' })
export class PreventionReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The shared Linkages family the household linked into when it was referred (the resolver follows later merges). */
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  /** The applicant's CalWORKs Assistance Unit, when there already is one. */
  @Column('uuid', { nullable: true }) auId!: string | null;
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  @Column('text', { array: true }) riskFactors!: RiskFactorCode[];
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
  @OneToMany(() => PreventionReferralMemberEntity, (m) => m.referral, { cascade: ['insert'] }) members!: PreventionReferralMemberEntity[];
}

@Entity({ name: 'prevention_referral_members' })
export class PreventionReferralMemberEntity extends ProtectedPersonColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @ManyToOne(() => PreventionReferralEntity, (r) => r.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id' })
  referral?: Relation<PreventionReferralEntity>;
  declare role: MemberRole;
  @Column('int') position!: number;
}

/** The prevention slice's entities, for the referrals data source (apps/referrals/src/persistence.ts). */
export const preventionEntities = [PreventionReferralEntity, PreventionReferralMemberEntity];
