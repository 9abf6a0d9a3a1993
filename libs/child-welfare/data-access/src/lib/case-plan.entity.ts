import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CasePlanKind } from '@linkages/child-welfare-domain';

@Entity({ name: 'case_plans' })
export class CasePlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('text') kind!: CasePlanKind;
  @Column('date') filedOn!: string;
}
