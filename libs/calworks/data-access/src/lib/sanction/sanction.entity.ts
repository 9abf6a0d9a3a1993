import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SanctionStatus } from '@linkages/calworks-domain';

/** A WTW sanction (partial-family: the adult's needs leave the AU from effectiveOn), its cure and any state hearing. */
@Entity({ name: 'wtw_sanctions' })
export class SanctionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') episodeId!: string;
  @Column('uuid') requestId!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') participantId!: string;
  @Column('date') imposedOn!: string;
  @Column('date') effectiveOn!: string;
  /** Why it takes effect then: the 20-day period and the timely notice, chained (computeDue). */
  @Column('text') effectiveExplanation!: string;
  @Column('text') status!: SanctionStatus;
  @Column('date', { nullable: true }) curedOn!: string | null;
  @Column('date', { nullable: true }) aidRestoredOn!: string | null;
  @Column('date', { nullable: true }) hearingRequestedOn!: string | null;
  @Column('boolean', { nullable: true }) aidPaidPending!: boolean | null;
  @Column('text', { nullable: true }) hearingOutcome!: 'sustained' | 'reversed' | null;
}
