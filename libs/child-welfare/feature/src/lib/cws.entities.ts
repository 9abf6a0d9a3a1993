import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PersonRole = 'parent' | 'child' | 'caregiver';
export type ReferralStatus = 'received' | 'evaluated-out' | 'accepted' | 'closed';
export type ResponsePriority = 'immediate' | '10-day';
export type CaseType = 'emergency-response' | 'family-maintenance-court' | 'family-maintenance-voluntary' | 'family-reunification' | 'after-care';
export type HearingType = 'detention' | 'jurisdiction' | 'disposition' | 'six-month-review' | 'twelve-month-permanency' | 'eighteen-month-review' | 'twenty-four-month-review' | 'family-maintenance-review' | 'section-366-26';

@Entity({ name: 'families' })
export class FamilyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') countyCode!: string;
  @Column('text', { nullable: true }) calworksCaseNumber!: string | null;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}

/** A family member. Date of birth and SSN only encrypted, with blind indexes. */
@Entity({ name: 'persons' })
export class PersonEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') role!: PersonRole;
  @Column('text') firstName!: string;
  @Column('text') lastName!: string;
  @Column('text') dobEncrypted!: string;
  @Column('text') dobIndex!: string;
  @Column('text', { nullable: true }) ssnEncrypted!: string | null;
  @Column('text', { nullable: true }) ssnIndex!: string | null;
  /** Indian Child Welfare Act applies (first CFT within 30 days). */
  @Column('boolean') icwa!: boolean;
  @Column('int') position!: number;
}

/** A hotline referral (report of suspected abuse or neglect) and its emergency-response path. */
@Entity({ name: 'referrals' })
export class CwsReferralEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('timestamptz') receivedAt!: Date;
  @Column('text', { array: true }) allegations!: string[];
  @Column('jsonb', { nullable: true }) reporter!: { name: string; phone?: string; relationship?: string } | null;
  @Column('text') status!: ReferralStatus;
  @Column('text', { nullable: true }) screeningDecision!: 'evaluated-out' | 'accepted' | 'differential-response' | null;
  @Column('text', { nullable: true }) screeningReason!: string | null;
  @Column('boolean') povertyOnly!: boolean;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) responsePriority!: ResponsePriority | null;
  @Column('jsonb', { nullable: true }) downgrade!: { by: string; managerApproval: string; reason: string; at: string } | null;
  @Column('timestamptz', { nullable: true }) firstContactAt!: Date | null;
  @Column('text', { nullable: true }) disposition!: 'substantiated' | 'inconclusive' | 'unfounded' | null;
  @Column('timestamptz', { nullable: true }) dispositionAt!: Date | null;
  @Column('text') createdBy!: string;
}

@Entity({ name: 'assessments' })
export class AssessmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') referralId!: string;
  @Column('text') tool!: 'sdm-safety' | 'sdm-risk';
  @Column('text') result!: string;
  @Column('timestamptz') completedAt!: Date;
  @Column('text') recordedBy!: string;
}

@Entity({ name: 'cases' })
export class CwsCaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('uuid', { nullable: true }) referralId!: string | null;
  @Column('text') countyCode!: string;
  @Column('text') type!: CaseType;
  @Column('text') status!: 'open' | 'closed';
  @Column('date') openedOn!: string;
  /** A child of the case is detained (removed, awaiting the court). */
  @Column('boolean') detained!: boolean;
  @Column('date', { nullable: true }) petitionFiledOn!: string | null;
  @Column('date', { nullable: true }) jurisdictionOn!: string | null;
  @Column('date', { nullable: true }) dispositionOn!: string | null;
  @Column('text', { nullable: true }) dispositionOutcome!: 'family-reunification' | 'family-maintenance' | 'bypass' | 'dismissed' | null;
  @Column('date', { nullable: true }) enteredFosterCareOn!: string | null;
  @Column('int', { nullable: true }) servicesMonths!: number | null;
  @Column('date', { nullable: true }) servicesTerminatedOn!: string | null;
  @Column('date', { nullable: true }) closedOn!: string | null;
  @Column('text', { nullable: true }) closeReason!: string | null;
}

@Entity({ name: 'removals' })
export class RemovalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') childId!: string;
  @Column('timestamptz') removedAt!: Date;
  @Column('text') placementType!: 'relative' | 'foster-family' | 'resource-family' | 'group-home' | 'other';
  @Column('boolean') siblingGroupPlacedTogether!: boolean;
  @Column('date', { nullable: true }) returnedOn!: string | null;
  @Column('date', { nullable: true }) parentalRightsTerminatedOn!: string | null;
}

@Entity({ name: 'hearings' })
export class HearingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('text') type!: HearingType;
  @Column('date') heldOn!: string;
  @Column('text') outcome!: string;
  /** The court continued the hearing to this date (moves the deadline, with the reason). */
  @Column('date', { nullable: true }) continuedTo!: string | null;
  @Column('text') recordedBy!: string;
}

@Entity({ name: 'case_plans' })
export class CasePlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('text') kind!: 'initial' | 'update';
  @Column('date') filedOn!: string;
}

@Entity({ name: 'cft_meetings' })
export class CftMeetingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('date') heldOn!: string;
}

@Entity({ name: 'visits' })
export class VisitEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') caseId!: string;
  @Column('uuid') childId!: string;
  @Column('date') visitedOn!: string;
}

/** Which durable deadline (Temporal workflow `child-welfare/deadline/<id>`) tracks which clock of which record. */
@Entity({ name: 'tracked_deadlines' })
export class TrackedDeadlineEntity {
  @PrimaryColumn('uuid') deadlineId!: string;
  @Column('text') subjectType!: 'referral' | 'case';
  @Column('uuid') subjectId!: string;
  /** The clock's purpose, unique per subject: `er-response`, `petition-filing`, `case-plan-update-2`… */
  @Column('text') purpose!: string;
  @Column('text') ruleId!: string;
  @Column('timestamptz') startAt!: Date;
  @Column('text') status!: 'open' | 'satisfied' | 'cancelled';
}

export const cwsEntities = [FamilyEntity, PersonEntity, CwsReferralEntity, AssessmentEntity, CwsCaseEntity, RemovalEntity, HearingEntity, CasePlanEntity, CftMeetingEntity, VisitEntity, TrackedDeadlineEntity];
