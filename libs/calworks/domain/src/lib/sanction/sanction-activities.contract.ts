import type {
  ChildCareStatus,
  EpisodeResolution,
  EpisodeStatus,
  GoodCausePhase,
  LinkagesSource,
  NoncomplianceReason,
  NoticeForm,
  SanctionRequestBasis,
  SanctionStatus,
} from './sanction.vocabulary';

// The sanction workflow's one activity: a step of the process written in one transaction (its rows, its outbox
// events with ids the workflow chose, its clocks with `notify` = the workflow). Ids, codes and dates only.

export interface EpisodeRef {
  episodeId: string;
  familyId: string;
  participantId: string;
  auId: string;
  countyCode: string;
  /** `calworks/sanction/<episodeId>`: every clock the step opens notifies it. */
  workflowId: string;
}

export type ClockOp =
  | { op: 'open'; purpose: string; ruleId: string; startAt: string }
  | { op: 'satisfy'; purpose: string; at?: string }
  | { op: 'cancel'; purpose: string; reasonCode: string }
  /** An SB 80 increment: the clock's date set to `dueDate` with its reason. */
  | { op: 'move'; purpose: string; dueDate: string; reasonCode: string }
  | { op: 'cancel-all'; reasonCode: string };

export interface EpisodeRow {
  table: 'episode';
  id: string;
  noticeForm: NoticeForm;
  noticeIssuedOn: string;
  reason: NoncomplianceReason;
  status: EpisodeStatus;
  linkagesPriority: LinkagesSource | null;
  resolution: EpisodeResolution | null;
  resolvedOn: string | null;
}
export interface GoodCauseRow {
  table: 'good-cause';
  id: string;
  ground: string;
  phase: GoodCausePhase;
  determinedOn: string;
  determinedBy: string;
}
export interface CompliancePlanRow {
  table: 'compliance-plan';
  id: string;
  signedOn: string;
  planEndsOn: string;
  outcome: 'completed' | 'failed' | null;
  outcomeOn: string | null;
  recordedBy: string;
}
export interface SanctionRequestRow {
  table: 'sanction-request';
  id: string;
  basis: SanctionRequestBasis;
  requestedOn: string;
  /** NA 817 when a compliance plan failed (RULES.md 3, "Compliance plan"); else the episode's NA 840/845. */
  notice: NoticeForm | 'NA 817';
}
export interface SupervisorReviewRow {
  table: 'supervisor-review';
  id: string;
  requestId: string;
  decision: 'sanction' | 'good-cause';
  ground: string | null;
  reviewedOn: string;
  reviewedBy: string;
}
export interface SanctionRecordRow {
  table: 'sanction';
  id: string;
  requestId: string;
  imposedOn: string;
  effectiveOn: string;
  effectiveExplanation: string;
  status: SanctionStatus;
  curedOn: string | null;
  aidRestoredOn: string | null;
  hearingRequestedOn: string | null;
  aidPaidPending: boolean | null;
  hearingOutcome: 'sustained' | 'reversed' | null;
}
export interface CureRequestRow {
  table: 'cure-request';
  id: string;
  sanctionId: string;
  contactOn: string;
  childCare: ChildCareStatus;
  childCareInPlaceOn: string | null;
}
export interface CurePlanRow {
  table: 'cure-plan';
  id: string;
  cureRequestId: string;
  signedOn: string;
  activityStartedOn: string | null;
  completedOn: string | null;
  ended: 'completed' | 'activity-time-ended' | null;
}
export type SanctionRow =
  | EpisodeRow
  | GoodCauseRow
  | CompliancePlanRow
  | SanctionRequestRow
  | SupervisorReviewRow
  | SanctionRecordRow
  | CureRequestRow
  | CurePlanRow;

/** An outgoing event: its contract name (from @linkages/shared-contracts), the id the workflow chose, its payload. */
export type SanctionEvent =
  | { kind: 'noncompliance-started'; id: string; payload: { noticeForm: NoticeForm; noticeIssuedOn: string; reason: NoncomplianceReason } }
  | { kind: 'good-cause-found'; id: string; payload: { determinedOn: string; ground: string } }
  | { kind: 'compliance-plan-signed'; id: string; payload: { signedOn: string; planEndsOn: string } }
  | {
      kind: 'sanction-requested';
      id: string;
      payload: { requestId: string; requestedOn: string; basis: SanctionRequestBasis; notice: NoticeForm | 'NA 817'; reviewDueAt: string };
    }
  | { kind: 'sanction-imposed'; id: string; payload: { sanctionId: string; effectiveOn: string } }
  | {
      kind: 'sanction-cured';
      id: string;
      payload: { sanctionId: string; curedOn: string; aidRestoredOn: string; how: 'cure-plan-completed' | 'good-cause-on-review' };
    }
  | { kind: 'months-unticked'; id: string; payload: { untickedOn: string; months: string[]; reason: 'sixty-day-guard' } }
  | { kind: 'linkages-priority-flagged'; id: string; payload: { flaggedOn: string; source: LinkagesSource; sourceEventId: string } }
  | { kind: 'good-cause-proposed'; id: string; payload: { proposedOn: string; ground: 'cws-case-plan-activity-conflict' } };

export interface SanctionStep {
  episode: EpisodeRef;
  /** What happened, for logs and the episode's timeline (`compliance-plan-signed`, `sanction-requested`, …). */
  step: string;
  /** Staff id (pseudonymous UUID) of who acted, or the process actor. */
  by: string;
  rows: SanctionRow[];
  events: SanctionEvent[];
  clocks: ClockOp[];
}

export interface SanctionActivities {
  recordSanctionStep(step: SanctionStep): Promise<void>;
}
