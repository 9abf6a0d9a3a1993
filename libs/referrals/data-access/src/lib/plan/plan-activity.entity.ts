import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlanActivity, PlanActivityKind, PlanAgency, PlanSlot, WtwCount } from '@linkages/referrals-domain';

const hours = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** One activity of a shared family's coordinated plan (either agency's), with its weekly slots and hours. */
@Entity({ name: 'plan_activities' })
export class PlanActivityEntity implements PlanActivity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') agency!: PlanAgency;
  @Column('text') source!: 'event' | 'staff';
  /** The agency's own id of an activity or service that came by event (`wtw:<planId>:<activityId>`, `service:<id>`). */
  @Column('text', { nullable: true }) sourceRef!: string | null;
  @Column('text') personRecordId!: string;
  @Column('text') kind!: PlanActivityKind;
  @Column('text') typeCode!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('numeric', { precision: 5, scale: 2, transformer: hours }) weeklyHours!: number;
  @Column('jsonb') slots!: PlanSlot[];
  @Column('date') startsOn!: string;
  @Column('date', { nullable: true }) endsOn!: string | null;
  @Column('boolean') requiresChildCare!: boolean;
  @Column('boolean') requiresTransport!: boolean;
  @Column('text', { nullable: true }) location!: string | null;
  @Column('text') status!: 'active' | 'ended';
  @Column('text', { nullable: true }) wtwCount!: WtwCount;
  @Column('text', { nullable: true }) wtwCountBy!: string | null;
  @Column('timestamptz', { nullable: true }) wtwCountAt!: Date | null;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('uuid', { nullable: true }) lastEventId!: string | null;
}
