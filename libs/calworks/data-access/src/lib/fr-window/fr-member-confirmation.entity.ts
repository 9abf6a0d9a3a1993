import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Ab429Exclusions, FrEligibilityFacts, FrRefusalCode } from '@linkages/calworks-domain';

/** The eligibility worker's task: confirm which AU members the removed children are (LA: "immediately"). */
@Entity({ name: 'fr_member_confirmations' })
export class FrMemberConfirmationEntity {
  @PrimaryColumn('uuid') removalId!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') auId!: string;
  @Column('text') status!: 'pending' | 'confirmed';
  @Column('timestamptz') requestedAt!: Date;
  @Column('timestamptz', { nullable: true }) confirmedAt!: Date | null;
  @Column('text', { nullable: true }) confirmedBy!: string | null;
  @Column('uuid', { array: true, nullable: true }) removedMemberIds!: string[] | null;
  @Column('uuid', { nullable: true }) parentMemberId!: string | null;
  @Column('jsonb', { nullable: true }) facts!: FrEligibilityFacts | null;
  @Column('jsonb', { nullable: true }) exclusions!: Ab429Exclusions | null;
  /** The AB 135 refusal these facts lead to, if any. */
  @Column('text', { nullable: true }) refusalCode!: FrRefusalCode | null;
  /** The AU members Linkages proposed (removal-members-proposed): shown to the worker, never confirmed by itself. */
  @Column('uuid', { array: true, nullable: true }) proposedMemberIds!: string[] | null;
  @Column('timestamptz', { nullable: true }) proposedAt!: Date | null;
}
