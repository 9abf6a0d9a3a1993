import type { CaseStage, PlacementReason, Strategy, Track } from '../strategy/strategy.vocabulary';
import type { CoordinationMeeting, CoordinationTask } from './coordination-process';
import type { CoordinationSubjectType, CoordinationTaskCode, CoordinationTaskStatus } from './coordination.vocabulary';

// The coordination workflow's one activity: a computed step written in one transaction (task, enrollment and meeting
// rows, outbox events with ids the workflow chose, clocks with `notify` = the workflow), applied once per step id.

export interface FamilyRef {
  familyId: string;
  countyCode: string;
  /** `referrals/coordination/<familyId>`: every clock the step opens notifies it. */
  workflowId: string;
}

export type CoordinationClockOp =
  | { op: 'open'; taskId: string; subject: { type: CoordinationSubjectType; id: string }; purpose: string; ruleId: string; startAt: string }
  | { op: 'satisfy'; subjectId: string; purpose: string; at?: string }
  | { op: 'cancel'; subjectId: string; purpose: string; reasonCode: string };

export interface EnrollmentRow {
  enrollmentId: string;
  strategy: Strategy;
  tracks: Track[];
  reasons: PlacementReason[];
  caseStage: CaseStage;
  liaisonSubject: string | null;
  startedAt: string;
}

export type EnrollmentOp =
  | { op: 'start'; row: EnrollmentRow }
  /** The current row ends and points to the new one (ER → FM/FR → after-care). */
  | { op: 'supersede'; previousId: string; row: EnrollmentRow }
  | { op: 'end'; enrollmentId: string; endedAt: string }
  | { op: 'liaison'; enrollmentId: string; liaisonSubject: string };

export type CoordinationEvent =
  | {
      kind: 'coordination-task-changed';
      id: string;
      /** `dueAt` is filled by the activity (the clock's due instant); `outcome` when done. */
      payload: { taskId: string; task: CoordinationTaskCode; status: CoordinationTaskStatus; ruleId: string; outcome?: string; at: string };
    }
  | {
      kind: 'strategy-enrolled';
      id: string;
      payload: {
        enrollmentId: string;
        strategy: Strategy;
        tracks: Track[];
        reasons: PlacementReason[];
        caseStage: CaseStage;
        liaisonAssigned: boolean;
        supersedes?: string;
        since: string;
      };
    };

export interface CoordinationStep {
  family: FamilyRef;
  /** Chosen by the workflow: the step is written once, a retried activity finds it applied. */
  stepId: string;
  /** What happened, for logs (`fact:child-removed`, `task-outcome`, `clock-due`…). */
  step: string;
  /** Token subject of who acted, or the process actor. */
  by: string;
  tasks: CoordinationTask[];
  meetings: CoordinationMeeting[];
  enrollment?: EnrollmentOp;
  events: CoordinationEvent[];
  clocks: CoordinationClockOp[];
}

export interface CoordinationStepResult {
  /** False: the step id was applied before (a retry); nothing was written again. */
  applied: boolean;
  /** The due instant of each clock the step opened, by task id (null: the rule computes none). */
  dueAt: Record<string, string | null>;
}

/** What a merged family's process hands to the survivor's (the survivor's process is started if it is not running). */
export interface CoordinationHandOver {
  /** The family-linked event of the merge. */
  eventId: string;
  survivorFamilyId: string;
  countyCode: string;
  mergedFamilyId: string;
  tasks: CoordinationTask[];
  meetings: CoordinationMeeting[];
}

export interface CoordinationActivities {
  applyCoordinationStep(step: CoordinationStep): Promise<CoordinationStepResult>;
  /** Signals (with start) the survivor's process with the shared family's timeline facts and these tasks and meetings. */
  handOverCoordination(handOver: CoordinationHandOver): Promise<void>;
}
