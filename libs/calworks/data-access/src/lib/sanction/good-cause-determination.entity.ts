import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GoodCausePhase } from '@linkages/calworks-domain';

/** Good cause found for an episode, with its ground (reason code, RULES.md 3) and the step that found it. */
@Entity({ name: 'wtw_good_cause_determinations' })
export class GoodCauseDeterminationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('text') ground!: string;
  @Column('text') phase!: GoodCausePhase;
  @Column('date') determinedOn!: string;
  @Column('text') determinedBy!: string;
}
