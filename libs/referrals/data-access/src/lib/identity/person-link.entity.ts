import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatchEvidence } from '@linkages/referrals-domain';

export type PersonLinkKind = 'cross-agency' | 'duplicate';
export type PersonLinkStatus = 'linked' | 'unlinked';

/** Two person records found to be one person: audited, reversible (ended_* on unlink). Evidence: levels and weights only, never tokens. */
@Entity({ name: 'person_links' })
@Index('person_links_a', ['aId'])
@Index('person_links_b', ['bId'])
export class PersonLinkEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') aId!: string;
  @Column('uuid') bId!: string;
  @Column('text') kind!: PersonLinkKind;
  @Column('text') status!: PersonLinkStatus;
  /** `auto`, `case-number` or the liaison's subject. */
  @Column('text') decidedBy!: string;
  @Column('double precision') probability!: number;
  @Column('double precision') weight!: number;
  @Column('jsonb') evidence!: MatchEvidence;
  @Column('text') modelVersion!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Column('text', { nullable: true }) endedBy!: string | null;
  @Column('text', { nullable: true }) endReason!: string | null;
}
