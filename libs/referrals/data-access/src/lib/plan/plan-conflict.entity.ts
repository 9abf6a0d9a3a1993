import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConflictCode } from '@linkages/referrals-domain';

/** A conflict flagged in a family's coordinated plan (once per fingerprint), resolved when it no longer holds. */
@Entity({ name: 'plan_conflicts' })
export class PlanConflictEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') code!: ConflictCode;
  @Column('text') personRecordId!: string;
  @Column('uuid', { array: true }) activityIds!: string[];
  @Column('text') reason!: string;
  @Column('text') fingerprint!: string;
  @Column('timestamptz') flaggedAt!: Date;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
  /** The id of the `plan-conflict-flagged` event it was published with. */
  @Column('uuid') eventId!: string;
}
