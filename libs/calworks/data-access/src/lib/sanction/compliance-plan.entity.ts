import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A WTW 32 compliance plan signed in the compliance period, and how it ended. */
@Entity({ name: 'wtw_compliance_plans' })
export class CompliancePlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('date') signedOn!: string;
  @Column('date') planEndsOn!: string;
  @Column('text', { nullable: true }) outcome!: 'completed' | 'failed' | null;
  @Column('date', { nullable: true }) outcomeOn!: string | null;
  @Column('text') recordedBy!: string;
}
