import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonCircumstances } from '@linkages/referrals-domain';

/** What limits a person's participation in the plan (transport, licence, transit, child care), as last recorded. */
@Entity({ name: 'person_circumstances' })
export class PersonCircumstancesEntity implements PersonCircumstances {
  @PrimaryColumn('uuid') familyId!: string;
  @PrimaryColumn('text') personRecordId!: string;
  @Column('text') countyCode!: string;
  @Column('boolean') hasVehicle!: boolean;
  @Column('boolean') hasLicence!: boolean;
  @Column('boolean') transitAccess!: boolean;
  @Column('boolean') childCareArranged!: boolean;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
