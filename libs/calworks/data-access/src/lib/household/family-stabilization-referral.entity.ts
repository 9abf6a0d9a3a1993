import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FamilyStabilizationReason } from '@linkages/calworks-domain';

/** A Family Stabilization referral (WIC 11325.24): crisis → FS evaluation; open to exempt adults too. */
@Entity({ name: 'family_stabilization_referrals' })
export class FamilyStabilizationReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') participantId!: string;
  @Column('text') reason!: FamilyStabilizationReason;
  @Column('date') referredOn!: string;
  @Column('text') status!: 'referred' | 'enrolled' | 'declined' | 'ended';
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
