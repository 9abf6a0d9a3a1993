import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlacementType } from '@linkages/child-welfare-domain';

/** A child removed (detained) in a case, with placement; current while `returnedOn` is null. */
@Entity({ name: 'removals' })
export class RemovalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') childId!: string;
  @Column('timestamptz') removedAt!: Date;
  @Column('text') placementType!: PlacementType;
  @Column('boolean') siblingGroupPlacedTogether!: boolean;
  @Column('date', { nullable: true }) returnedOn!: string | null;
  @Column('date', { nullable: true }) parentalRightsTerminatedOn!: string | null;
}
