import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One full calendar month of temporary absence after all CalWORKs-eligible children were removed (ACL 25-05). */
@Entity({ name: 'fr_temporary_absences' })
export class FrTemporaryAbsenceEntity {
  @PrimaryColumn('uuid') removalId!: string;
  @Column('text') countyCode!: string;
  @Column('date') startsOn!: string;
  @Column('date') endsOn!: string;
  /** The clock's due instant (the last instant of the absence month). */
  @Column('timestamptz') dueAt!: Date;
  @Column('text') ruleId!: string;
  @Column('timestamptz') startedAt!: Date;
}
