import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One blocking or term-frequency token of a person record: candidates share a token within the county. */
@Entity({ name: 'match_tokens' })
@Index('match_tokens_lookup', ['countyCode', 'token'])
export class MatchTokenEntity {
  @PrimaryColumn('uuid') personRecordId!: string;
  @PrimaryColumn('text') kind!: string;
  @PrimaryColumn('text') token!: string;
  @Column('text') countyCode!: string;
}
