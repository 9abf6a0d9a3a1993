import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A CalWORKs Assistance Unit: its case number is unique in its county (the number child welfare records for the family). */
@Entity({ name: 'assistance_units' })
@Unique('assistance_units_county_case_number', ['countyCode', 'caseNumber'])
export class AssistanceUnitEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('text') caseNumber!: string;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}
