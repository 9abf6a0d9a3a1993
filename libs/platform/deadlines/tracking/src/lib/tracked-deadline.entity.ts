import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TrackedDeadlineStatus = 'open' | 'satisfied' | 'cancelled';

/**
 * Which durable deadline (Temporal workflow `<service>/deadline/<id>`) tracks which clock of which record: one row
 * per subject and purpose, in each service's own schema. The id is derived from the subject and the purpose.
 */
@Entity({ name: 'tracked_deadlines' })
export class TrackedDeadlineEntity {
  @PrimaryColumn('uuid') deadlineId!: string;
  /** The kind of record the clock belongs to (`referral`, `case`, `episode`…). */
  @Column('text') subjectType!: string;
  @Column('uuid') subjectId!: string;
  /** The clock's purpose, unique per subject: `er-response`, `petition-filing`, `case-plan-update-2`… */
  @Column('text') purpose!: string;
  @Column('text') ruleId!: string;
  @Column('timestamptz') startAt!: Date;
  @Column('text') status!: TrackedDeadlineStatus;
}
