import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceName } from '@linkages/shared-contracts';

/** Who a deadline's subject (or a family, in one agency) is assigned to; re-assignment adds a row (the latest wins). */
@Entity({ name: 'staff_assignments' })
@Index('staff_assignments_scope', ['countyCode', 'ownerService'])
export class StaffAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') assignmentId!: string;
  @Column('text') countyCode!: string;
  @Column('text') ownerService!: ServiceName;
  @Column('text', { nullable: true }) subjectRef!: string | null;
  @Column('uuid', { nullable: true }) familyId!: string | null;
  @Column('uuid') staffId!: string;
  @Column('text') reason!: string;
  @Column('uuid') assignedBy!: string;
  @Column('timestamptz') assignedAt!: Date;
}
