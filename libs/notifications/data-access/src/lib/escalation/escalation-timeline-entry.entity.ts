import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';
import type { EscalationTimelineEntry } from '@linkages/notifications-domain';

/** One entry of an escalation's timeline (ordered by `seq`); `entryKey` makes a retried append a no-op. */
@Entity({ name: 'escalation_timeline' })
@Index('escalation_timeline_order', ['escalationId', 'seq'])
export class EscalationTimelineEntryEntity {
  @PrimaryColumn('text') entryKey!: string;
  @Column('uuid') escalationId!: string;
  @Column('bigint') @Generated('increment') seq!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') kind!: EscalationTimelineEntry['kind'];
  @Column('int', { nullable: true }) level!: number | null;
  @Column('jsonb') detail!: Record<string, unknown>;
}
