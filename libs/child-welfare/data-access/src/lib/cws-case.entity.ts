import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus, CaseType, DispositionOutcome } from '@linkages/child-welfare-domain';

/** A child-welfare case (emergency response, Family Maintenance, Family Reunification, after-care) and its court timeline. */
@Entity({ name: 'cases' })
export class CwsCaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid', { nullable: true }) referralId!: string | null;
  @Column('text') countyCode!: string;
  @Column('text') type!: CaseType;
  @Column('text') status!: CaseStatus;
  @Column('date') openedOn!: string;
  /** A child of the case is detained (removed, awaiting the court). */
  @Column('boolean') detained!: boolean;
  @Column('date', { nullable: true }) petitionFiledOn!: string | null;
  @Column('date', { nullable: true }) jurisdictionOn!: string | null;
  @Column('date', { nullable: true }) dispositionOn!: string | null;
  @Column('text', { nullable: true }) dispositionOutcome!: DispositionOutcome | null;
  @Column('date', { nullable: true }) enteredFosterCareOn!: string | null;
  @Column('int', { nullable: true }) servicesMonths!: number | null;
  @Column('date', { nullable: true }) servicesTerminatedOn!: string | null;
  @Column('date', { nullable: true }) closedOn!: string | null;
  @Column('text', { nullable: true }) closeReason!: string | null;
}
