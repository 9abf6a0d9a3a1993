import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InvestigationDisposition, ReferralStatus, ResponsePriority, ScreeningDecision } from '@linkages/child-welfare-domain';

/** A hotline referral (report of suspected abuse or neglect) and its emergency-response path. */
@Entity({ name: 'referrals' })
export class CwsReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('timestamptz') receivedAt!: Date;
  /** `<allegation type>:<child id>` (encodeAllegation). */
  @Column('text', { array: true }) allegations!: string[];
  @Column('jsonb', { nullable: true }) reporter!: { name: string; phone?: string; relationship?: string } | null;
  @Column('text') status!: ReferralStatus;
  @Column('text', { nullable: true }) screeningDecision!: ScreeningDecision | null;
  @Column('text', { nullable: true }) screeningReason!: string | null;
  @Column('boolean') povertyOnly!: boolean;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) responsePriority!: ResponsePriority | null;
  @Column('jsonb', { nullable: true }) downgrade!: { by: string; managerApproval: string; reason: string; at: string } | null;
  @Column('timestamptz', { nullable: true }) firstContactAt!: Date | null;
  @Column('text', { nullable: true }) disposition!: InvestigationDisposition | null;
  @Column('timestamptz', { nullable: true }) dispositionAt!: Date | null;
  @Column('text') createdBy!: string;
}
