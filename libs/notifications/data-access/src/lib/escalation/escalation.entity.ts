import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EscalationStatus, FrozenEscalationPolicy } from '@linkages/notifications-domain';

/** The read model of one escalation (one overdue episode of a deadline): where its ladder stands and what is next. */
@Entity({ name: 'escalations' })
@Index('escalations_deadline', ['deadlineId'])
export class EscalationEntity {
  @PrimaryColumn('uuid') escalationId!: string;
  @Column('uuid') deadlineId!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') ownerService!: string;
  @Column('text') ruleId!: string;
  @Column('text') citation!: string;
  @Column('text') status!: EscalationStatus;
  @Column('int') level!: number;
  @Column('jsonb', { nullable: true }) next!: { level: number; role: string; at: string } | null;
  @Column('jsonb', { nullable: true }) frozenPolicy!: FrozenEscalationPolicy | null;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
}
