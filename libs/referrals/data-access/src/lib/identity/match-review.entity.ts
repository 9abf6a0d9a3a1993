import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatchEvidence } from '@linkages/referrals-domain';
import type { PersonLinkKind } from './person-link.entity';

export type MatchReviewStatus = 'open' | 'linked' | 'rejected' | 'superseded';

/** A pair the model was unsure of (or a guard stopped), for a liaison to decide, with the evidence (levels only). */
@Entity({ name: 'match_reviews' })
@Index('match_reviews_open', ['countyCode', 'openedAt'], { where: `status = 'open'` })
@Index('match_reviews_pair', ['aId', 'bId'], { unique: true, where: `status = 'open'` })
export class MatchReviewEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') aId!: string;
  @Column('uuid') bId!: string;
  @Column('text') kind!: PersonLinkKind;
  @Column('double precision') probability!: number;
  @Column('jsonb') evidence!: MatchEvidence;
  @Column('text') status!: MatchReviewStatus;
  @Column('timestamptz') openedAt!: Date;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('text', { nullable: true }) reason!: string | null;
}
