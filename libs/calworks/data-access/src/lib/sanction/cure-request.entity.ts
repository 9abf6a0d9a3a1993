import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChildCareStatus } from '@linkages/calworks-domain';

/** The participant's request to cure a sanction (WTW 31), with the SB 80 child care it needs. */
@Entity({ name: 'wtw_cure_requests' })
export class CureRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') sanctionId!: string;
  @Column('uuid') episodeId!: string;
  @Column('text') countyCode!: string;
  @Column('date') contactOn!: string;
  @Column('text') childCare!: ChildCareStatus;
  @Column('date', { nullable: true }) childCareInPlaceOn!: string | null;
}
