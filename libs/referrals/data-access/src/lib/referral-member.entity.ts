import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProtectedPersonColumns } from '@linkages/platform-persistence';
import type { MemberRole } from '@linkages/referrals-domain';
import { ReferralEntity } from './referral.entity';

/** A family member named in a referral. SSN and date of birth are encrypted; their blind indexes allow matching. */
@Entity({ name: 'referral_members' })
@Index('referral_members_ssn_index', ['ssnIndex'], { where: 'ssn_index IS NOT NULL' })
@Index('referral_members_dob_index', ['dobIndex'])
export class ReferralMemberEntity extends ProtectedPersonColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @ManyToOne(() => ReferralEntity, (r) => r.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id' })
  referral?: Relation<ReferralEntity>;
  declare role: MemberRole;
  @Column('int') position!: number;
}
