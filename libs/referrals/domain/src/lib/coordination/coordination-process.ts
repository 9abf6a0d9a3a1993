import type { LinkagesCountySettings } from '../strategy/linkages-settings';
import type { FamilyFacts } from '../strategy/strategy.rules';
import type { CaseStage, PlacementReason, Strategy, Track } from '../strategy/strategy.vocabulary';
import type { CoordinationSubjectType, CoordinationTaskCode, CoordinationTaskStatus, TaskOutcome } from './coordination.vocabulary';

// The state of a shared family's coordination process (`referrals/coordination/<familyId>`): the facts both agencies
// told, the enrollment, the tasks and meetings. Carried across continueAsNew. Ids, codes and dates only.

export interface CoordinationTask {
  taskId: string;
  code: CoordinationTaskCode;
  status: CoordinationTaskStatus;
  ruleId: string;
  subject: { type: CoordinationSubjectType; id: string };
  /** The CWS case the task belongs to (a closed case cancels its open tasks). */
  caseId: string | null;
  /** The instant the task's clock counts from (the fact's). */
  startAt: string;
  /** Workflow time the task was opened. */
  openedAt: string;
  /** The clock's due instant (computed by the activity when the task opens). */
  dueAt: string | null;
  doneAt: string | null;
  doneBy: string | null;
  outcome: TaskOutcome | 'met-by-fact' | null;
  /** The consumed event that opened it. */
  sourceEventId: string | null;
  /** The highest escalation level its clock reported (the ladder itself is notifications'). */
  escalationLevel: number;
}

export interface CoordinationEnrollment {
  enrollmentId: string;
  strategy: Strategy;
  tracks: Track[];
  reasons: PlacementReason[];
  caseStage: CaseStage;
  since: string;
  liaisonSubject: string | null;
}

export interface CoordinationMeeting {
  meetingId: string;
  kind: 'joint-case-planning' | 'cft';
  caseId: string | null;
  heldOn: string;
  calworksWorkerInvited: boolean;
  recordedBy: string;
  sourceEventId: string | null;
}

export interface CoordinationRemoval {
  removalId: string;
  caseId: string | null;
  removedAt: string;
  /** The subject of its clocks: the CWS removal, or the typed-in referral (no CWS removal id). */
  subject: { type: 'removal' | 'referral'; id: string };
}

export interface CoordinationState {
  facts: FamilyFacts;
  enrollment: CoordinationEnrollment | null;
  tasks: CoordinationTask[];
  meetings: CoordinationMeeting[];
  removals: CoordinationRemoval[];
  /** Removals whose AU members CalWORKs confirmed (may arrive before the removal). */
  confirmedRemovals: { removalId: string; confirmedAt: string }[];
  /** ER referrals whose checklist is open (one checklist per accepted referral). */
  erChecklists: string[];
  /** Case plans seen (one coordinated review per plan). */
  casePlans: { casePlanId: string; caseId: string; filedOn: string }[];
  /** CalWORKs recorded the AU's status (aided-status-recorded): a named case number no longer implies `aided`. */
  calworksRecorded: boolean;
  /** Event ids and clock notices seen (bounded: the most recent). */
  seen: string[];
  /** Facts applied since the run started (continueAsNew after `continueAfter`). */
  factsInRun: number;
  /** Merged into this shared family: its process holds the tasks now; this one forwards what still reaches it. */
  mergedInto?: string;
}

export interface CoordinationInput {
  familyId: string;
  countyCode: string;
  /** The county's Linkages choices, fixed when the process starts (carried across continueAsNew). */
  settings: LinkagesCountySettings;
  /** Facts per run before continueAsNew (default 200). */
  continueAfter?: number;
  state?: CoordinationState;
}

export interface CoordinationView {
  familyId: string;
  countyCode: string;
  enrollment: CoordinationEnrollment | null;
  caseStage: CaseStage;
  calworksStatus: FamilyFacts['calworks']['status'];
  tasks: CoordinationTask[];
  meetings: CoordinationMeeting[];
}

/** A worker closed a task (HTTP → update). */
export interface TaskOutcomeRequest {
  taskId: string;
  outcome: TaskOutcome;
  /** The caller's token subject. */
  by: string;
  /** When it happened, if recorded later (ISO instant); absent: now. */
  at?: string;
}

/** A joint case-planning meeting held (HTTP → update). */
export interface JointMeetingRequest {
  meetingId: string;
  heldOn: string;
  /** The CWS case it planned for; absent: every open joint-meeting task of the family. */
  caseId?: string;
  by: string;
}

export interface LiaisonRequest {
  liaisonSubject: string;
  by: string;
}

export const SEEN_KEPT = 2000;

export const initialCoordinationState = (facts: FamilyFacts): CoordinationState => ({
  facts,
  enrollment: null,
  tasks: [],
  meetings: [],
  removals: [],
  confirmedRemovals: [],
  erChecklists: [],
  casePlans: [],
  calworksRecorded: false,
  seen: [],
  factsInRun: 0,
});
