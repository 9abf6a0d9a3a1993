import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  CaseStage,
  CoordinationSubjectType,
  CoordinationTaskCode,
  CoordinationTaskStatus,
  PlacementReason,
  Strategy,
  Track,
} from '@linkages/referrals-domain';

/** A coordination task of a shared family (the ER checklist, a removal's hand-off and AU change, a joint meeting, a plan review) with its clock's rule. */
@Entity({ name: 'coordination_tasks' })
@Index('coordination_tasks_family', ['familyId'])
@Index('coordination_tasks_subject', ['subjectId', 'purpose'], { unique: true })
export class CoordinationTaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') code!: CoordinationTaskCode;
  @Column('text') status!: CoordinationTaskStatus;
  @Column('text') ruleId!: string;
  @Column('text') subjectType!: CoordinationSubjectType;
  @Column('uuid') subjectId!: string;
  @Column('text') purpose!: string;
  @Column('uuid', { nullable: true }) caseId!: string | null;
  @Column('timestamptz') startAt!: Date;
  @Column('timestamptz') openedAt!: Date;
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
  @Column('timestamptz', { nullable: true }) doneAt!: Date | null;
  @Column('text', { nullable: true }) doneBy!: string | null;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('int') escalationLevel!: number;
  @Column('uuid', { nullable: true }) sourceEventId!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}

/** A family's placement in a Linkages strategy; a new placement supersedes it (ER → FM/FR → after-care → closed). */
@Entity({ name: 'enrollments' })
@Index('enrollments_family', ['familyId'])
@Index('enrollments_current', ['familyId'], { unique: true, where: '"ended_at" IS NULL' })
export class EnrollmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') strategy!: Strategy;
  @Column('text', { array: true }) tracks!: Track[];
  @Column('text', { array: true }) reasons!: PlacementReason[];
  @Column('text', { nullable: true }) liaisonSubject!: string | null;
  @Column('text') caseStage!: CaseStage;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Column('uuid', { nullable: true }) supersededBy!: string | null;
}

/** A joint case-planning meeting (recorded over HTTP) or a CFT meeting (child welfare's event) of a shared family. */
@Entity({ name: 'joint_meetings' })
@Index('joint_meetings_family', ['familyId'])
export class JointMeetingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') countyCode!: string;
  @Column('text') kind!: 'joint-case-planning' | 'cft';
  @Column('uuid', { nullable: true }) caseId!: string | null;
  @Column('date') heldOn!: string;
  @Column('boolean') calworksWorkerInvited!: boolean;
  @Column('text') recordedBy!: string;
  @Column('uuid', { nullable: true }) sourceEventId!: string | null;
  @Column('timestamptz') recordedAt!: Date;
}

/** The coordination steps applied (a retried activity finds its step id here and writes nothing again). */
@Entity({ name: 'coordination_steps' })
export class CoordinationStepEntity {
  @PrimaryColumn('uuid') stepId!: string;
  @Column('uuid') familyId!: string;
  @Column('text') step!: string;
  @Column('timestamptz') appliedAt!: Date;
}

/** The coordination tables (apps/referrals/src/persistence.ts lists them). */
export const coordinationEntities = [CoordinationTaskEntity, EnrollmentEntity, JointMeetingEntity, CoordinationStepEntity];
