import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssessmentTool } from '@linkages/child-welfare-domain';

/** A Structured Decision Making safety or risk assessment of a referral. */
@Entity({ name: 'assessments' })
export class AssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @Column('text') tool!: AssessmentTool;
  @Column('text') result!: string;
  @Column('timestamptz') completedAt!: Date;
  @Column('text') recordedBy!: string;
}
