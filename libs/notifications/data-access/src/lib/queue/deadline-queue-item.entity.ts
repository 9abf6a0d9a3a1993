import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeadlineQueueState, QueueAgency } from '@linkages/notifications-domain';

/** One deadline as the supervisor's queue knows it: what, whose, due when, where it stands and who holds it. */
@Entity({ name: 'deadline_queue_items' })
@Index('deadline_queue_items_scope', ['countyCode', 'state', 'dueAt'])
export class DeadlineQueueItemEntity {
  @PrimaryColumn('uuid') deadlineId!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') ownerService!: string;
  @Column('text') agency!: QueueAgency;
  @Column('text') program!: string;
  @Column('text') ruleId!: string;
  @Column('text') citation!: string;
  @Column('text') subjectRef!: string;
  @Column('timestamptz') dueAt!: Date;
  @Column('text', { nullable: true }) explanation!: string | null;
  @Column('text') state!: DeadlineQueueState;
  @Column('boolean') legallyUrgent!: boolean;
  /** The assigned worker as the organisation resolves `assigned-worker` (null: nobody assigned). */
  @Column('uuid', { nullable: true }) assigneeStaffId!: string | null;
  /** The assignee's unit, else the unit serving the owner service in the county (null: none). */
  @Column('text', { nullable: true }) unitId!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}
