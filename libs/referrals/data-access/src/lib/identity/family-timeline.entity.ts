import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint.transformer';

export type TimelineAgency = 'cws' | 'calworks' | 'linkages';

/** One fact in a shared family's timeline, in the family's one order across both agencies (seq). Key/fact fields only. */
@Entity({ name: 'family_timeline' })
@Index('family_timeline_event', ['eventId'], { unique: true })
export class FamilyTimelineEntity {
  @PrimaryColumn('uuid') familyId!: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) seq!: number;
  @Column('text') countyCode!: string;
  @Column('timestamptz') occurredAt!: Date;
  @Column('timestamptz') recordedAt!: Date;
  @Column('text') agency!: TimelineAgency;
  @Column('uuid') eventId!: string;
  @Column('text') eventType!: string;
  @Column('text') subject!: string;
  @Column('jsonb') entry!: Record<string, unknown>;
}
