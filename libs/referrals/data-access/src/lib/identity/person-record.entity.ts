import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatchKeySetShape, PersonRefKind, RefKind } from '@linkages/referrals-domain';

export type PersonAgency = 'cws' | 'calworks' | 'linkages';
export type AgeBand = 'child' | 'under-20' | '20-plus';

/** A person an agency holds, as referrals holds them: match keys only (tokens), never plaintext identifiers. */
@Entity({ name: 'person_records' })
@Index('person_records_ref', ['refId'], { unique: true })
@Index('person_records_family', ['familyRefKind', 'familyRefId'])
export class PersonRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('text') agency!: PersonAgency;
  @Column('text') refKind!: PersonRefKind;
  @Column('uuid') refId!: string;
  @Column('text') familyRefKind!: RefKind;
  @Column('uuid') familyRefId!: string;
  @Column('text') role!: string;
  @Column('text') ageBand!: AgeBand;
  @Column('boolean', { nullable: true }) aided!: boolean | null;
  /** The CalWORKs case number (CalWORKs members; a key, not PII). */
  @Column('text', { nullable: true }) caseNumber!: string | null;
  /** The match keys (HMAC tokens and keyed Bloom filters): never in a log, an API response or a workflow history. */
  @Column('jsonb') keys!: MatchKeySetShape;
  @Column('timestamptz', { nullable: true }) withdrawnAt!: Date | null;
  @Column('uuid', { nullable: true }) sourceEventId!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}
