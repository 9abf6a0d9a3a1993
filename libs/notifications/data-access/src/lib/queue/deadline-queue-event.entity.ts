import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One deadline event the queue heard (its CloudEvent id the key): kind, time and ids / dates only. */
@Entity({ name: 'deadline_queue_events' })
@Index('deadline_queue_events_order', ['deadlineId', 'at'])
export class DeadlineQueueEventEntity {
  @PrimaryColumn('text') eventId!: string;
  @Column('uuid') deadlineId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') kind!: string;
  @Column('jsonb') detail!: Record<string, unknown>;
}
