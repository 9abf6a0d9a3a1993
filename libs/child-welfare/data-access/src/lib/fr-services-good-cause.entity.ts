import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Good cause granted by CWS for a case's FR services (WTW / supportive, AB 429) to continue past six months, through
 * `continuesThrough` (RULES.md 4, "Services beyond 6 months"). Cash aid is not extended.
 */
@Entity({ name: 'fr_services_good_causes' })
export class FrServicesGoodCauseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') familyId!: string;
  @Column('date') grantedOn!: string;
  @Column('date') continuesThrough!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
