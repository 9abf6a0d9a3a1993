import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CashAidStatus, GrantChangeReason } from '@linkages/calworks-domain';

/** The AU's cash aid from a date on: paid (amount in cents), suspended or discontinued (0), with the reason. */
@Entity({ name: 'au_grant_changes' })
export class GrantChangeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auId!: string;
  @Column('date') effectiveOn!: string;
  @Column('text') cashAidStatus!: CashAidStatus;
  @Column('int') amountCents!: number;
  @Column('text') reason!: GrantChangeReason;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
