import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The WTW 29 cure plan and its cure activity (at most 30 days). */
@Entity({ name: 'wtw_cure_plans' })
export class CurePlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') cureRequestId!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('date') signedOn!: string;
  @Column('date', { nullable: true }) activityStartedOn!: string | null;
  @Column('date', { nullable: true }) completedOn!: string | null;
  @Column('text', { nullable: true }) ended!: 'completed' | 'activity-time-ended' | null;
}
