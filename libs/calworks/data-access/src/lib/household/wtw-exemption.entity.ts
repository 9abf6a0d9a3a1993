import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExemptionReason, VerificationSource, VerificationStatus } from '@linkages/calworks-domain';

/** A WTW exemption and its verification (AB 2300: `eventOn` is the birth or placement, `endsOn` computed by its rule). */
@Entity({ name: 'wtw_exemptions' })
export class WtwExemptionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') participantId!: string;
  @Column('text') reason!: ExemptionReason;
  @Column('date') startsOn!: string;
  @Column('date', { nullable: true }) endsOn!: string | null;
  @Column('date', { nullable: true }) eventOn!: string | null;
  @Column('text') verificationStatus!: VerificationStatus;
  @Column('text', { nullable: true }) verificationSource!: VerificationSource | null;
  @Column('date', { nullable: true }) verifiedOn!: string | null;
  @Column('text', { nullable: true }) verifiedBy!: string | null;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
