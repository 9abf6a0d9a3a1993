import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SupportiveServiceStatus, SupportiveServiceType } from '@linkages/calworks-domain';

/** A supportive service of a WTW participant: child care, transportation, behavioral health, substance use, domestic violence. */
@Entity({ name: 'supportive_services' })
export class SupportiveServiceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') participantId!: string;
  @Column('text') type!: SupportiveServiceType;
  @Column('text') status!: SupportiveServiceStatus;
  @Column('date') requestedOn!: string;
  @Column('date', { nullable: true }) authorizedOn!: string | null;
  @Column('date', { nullable: true }) inPlaceOn!: string | null;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
