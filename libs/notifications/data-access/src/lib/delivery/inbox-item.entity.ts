import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One in-app notification of one person; `sequence` orders the server-sent events (their `id`). */
@Entity({ name: 'inbox_items' })
@Index('inbox_items_recipient', ['recipientStaffId', 'sequence'])
export class InboxItemEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) sequence!: string;
  @Column('uuid', { unique: true }) notificationId!: string;
  @Column('text') recipientStaffId!: string;
  @Column('text') kind!: string;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('text') escalationId!: string;
  @Column('text') deadlineId!: string;
  @Column('integer') level!: number;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;
  @Column('timestamptz', { nullable: true }) archivedAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
}
