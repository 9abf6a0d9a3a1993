import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** AB 429: WTW and supportive services continue for the parent in reunification (no cash while all children are removed). */
@Entity({ name: 'fr_ab429_services' })
@Unique('fr_ab429_services_removal', ['removalId'])
export class FrAb429ServiceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') removalId!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid') parentMemberId!: string;
  @Column('date') startsOn!: string;
  /** The current six-month redetermination (1, 2, …) and its due date. */
  @Column('int') redeterminationRound!: number;
  @Column('date') redeterminationDueOn!: string;
  @Column('text') status!: 'active' | 'ended';
  @Column('date', { nullable: true }) endedOn!: string | null;
  @Column('text', { nullable: true }) endReason!: string | null;
  /** Child welfare's good cause continuing the services past their period (RULES.md 4), and the step that wrote it. */
  @Column('date', { nullable: true }) goodCauseGrantedOn!: string | null;
  @Column('date', { nullable: true }) goodCauseThrough!: string | null;
  @Column('uuid', { nullable: true }) goodCauseEventId!: string | null;
  /** The last redetermination the eligibility worker completed, and the step that recorded it. */
  @Column('date', { nullable: true }) lastRedeterminationOn!: string | null;
  @Column('uuid', { nullable: true }) lastRedeterminationEventId!: string | null;
}
