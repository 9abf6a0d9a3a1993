import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AidedStatus } from '@linkages/calworks-domain';

/** The AU's aided status from a date on: the history of these rows is its aided / not-aided periods. */
@Entity({ name: 'au_aided_status_changes' })
export class AidedStatusChangeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auId!: string;
  @Column('text') status!: AidedStatus;
  @Column('date') effectiveOn!: string;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
