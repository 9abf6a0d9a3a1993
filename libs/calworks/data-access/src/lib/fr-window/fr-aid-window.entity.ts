import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { FrCloseReason } from '@linkages/calworks-domain';

/** An AB 135 window: six full calendar months of cash aid and child care, one per removal (no extension). */
@Entity({ name: 'fr_aid_windows' })
@Unique('fr_aid_windows_removal', ['removalId'])
export class FrAidWindowEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') removalId!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') familyId!: string;
  @Column('text') program!: 'ab135-cash-aid';
  @Column('date') startsOn!: string;
  @Column('date') endsOn!: string;
  /** Why it starts on `startsOn` (which fact set the grant date), in words. */
  @Column('jsonb') startExplanation!: string[];
  @Column('text') ruleId!: string;
  @Column('timestamptz') openedAt!: Date;
  @Column('date', { nullable: true }) closedOn!: string | null;
  @Column('text', { nullable: true }) closeReason!: FrCloseReason | null;
}
