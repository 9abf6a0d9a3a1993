import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import type { CaseType, ReferralStatus, Reporter } from '@linkages/referrals-domain';
import { ReferralMemberEntity } from './referral-member.entity';

/** A CWS family referred to Linkages (LA DCFS 5122, Santa Clara SCD 1811): the record CalWORKs reads through the sharing policy. */
@Entity({ name: 'referrals' })
export class ReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') status!: ReferralStatus;
  @Column('text') caseType!: CaseType;
  @Column('text') cwsCaseNumber!: string;
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  @Column('date', { nullable: true }) removedOn!: string | null;
  @Column('int') childrenRemoved!: number;
  @Column('text', { array: true }) allegations!: string[];
  @Column('text', { nullable: true }) safetyConcerns!: string | null;
  @Column('text', { array: true }) servicesRecommended!: string[];
  /** The hotline reporter (PC 11167(d)): kept for child welfare, classified `reporter`, never disclosed beyond it. */
  @Column('jsonb', { nullable: true }) reporter!: Reporter | null;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
  @OneToMany(() => ReferralMemberEntity, (m) => m.referral, { cascade: ['insert'] }) members!: ReferralMemberEntity[];
}
