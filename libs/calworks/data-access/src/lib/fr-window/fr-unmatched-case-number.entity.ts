import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The review list: a child welfare event named a CalWORKs case number the county does not hold (reviewed, with a clock). */
@Entity({ name: 'fr_unmatched_case_numbers' })
@Unique('fr_unmatched_case_numbers_removal', ['removalId'])
export class FrUnmatchedCaseNumberEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  /** The number as child welfare recorded it (an identifier WIC 10850 allows between the agencies). */
  @Column('text') caseNumber!: string;
  @Column('uuid') removalId!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') eventId!: string;
  @Column('timestamptz') receivedAt!: Date;
  @Column('text') status!: 'open' | 'matched';
  @Column('uuid', { nullable: true }) matchedAuId!: string | null;
  @Column('text', { nullable: true }) matchedBy!: string | null;
  @Column('timestamptz', { nullable: true }) matchedAt!: Date | null;
}
