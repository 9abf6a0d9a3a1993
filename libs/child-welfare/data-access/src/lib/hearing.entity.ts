import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HearingType } from '@linkages/child-welfare-domain';

/** A dependency-court hearing of a case, held or continued. */
@Entity({ name: 'hearings' })
export class HearingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('text') type!: HearingType;
  @Column('date') heldOn!: string;
  @Column('text') outcome!: string;
  /** The court continued the hearing to this date (moves the deadline, with the reason). */
  @Column('date', { nullable: true }) continuedTo!: string | null;
  @Column('text') recordedBy!: string;
}
