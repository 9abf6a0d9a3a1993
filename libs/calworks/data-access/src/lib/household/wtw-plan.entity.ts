import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed WTW plan; a new plan supersedes the participant's current one. */
@Entity({ name: 'wtw_plans' })
export class WtwPlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') participantId!: string;
  @Column('date') signedOn!: string;
  @Column('text') status!: 'current' | 'superseded';
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
