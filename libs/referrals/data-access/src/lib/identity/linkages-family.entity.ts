import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint.transformer';

export type LinkagesFamilyStatus = 'active' | 'merged';

/** A shared Linkages family: referrals' own id, to which each agency's family and AU ids map (family_identities). */
@Entity({ name: 'linkages_families' })
export class LinkagesFamilyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('text') status!: LinkagesFamilyStatus;
  /** The surviving family when two shared families were found to be one. */
  @Column('uuid', { nullable: true }) mergedInto!: string | null;
  /** The last timeline sequence number: the family's one order across both agencies' events. */
  @Column('bigint', { transformer: bigintNumber }) lastSeq!: number;
  @Column('timestamptz') createdAt!: Date;
}
