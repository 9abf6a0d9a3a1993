import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SanctionRequestBasis } from '@linkages/calworks-domain';

/** The employment counselor's sanction request (end of day 20, or a failed compliance plan: NA 817). */
@Entity({ name: 'wtw_sanction_requests' })
export class SanctionRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('text') basis!: SanctionRequestBasis;
  @Column('date') requestedOn!: string;
  @Column('text') notice!: string;
}
