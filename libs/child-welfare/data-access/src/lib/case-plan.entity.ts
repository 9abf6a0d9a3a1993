import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CasePlanKind } from '@linkages/child-welfare-domain';

@Entity({ name: 'case_plans' })
export class CasePlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('text') kind!: CasePlanKind;
  @Column('date') filedOn!: string;
  /** AB 135: the plan recommends FR cash aid and child care (null: not stated). */
  @Column('boolean', { nullable: true }) recommendsCashAid!: boolean | null;
  /** AB 429: the plan says WTW and supportive services are needed (null: not stated). */
  @Column('boolean', { nullable: true }) recommendsAb429Services!: boolean | null;
}
