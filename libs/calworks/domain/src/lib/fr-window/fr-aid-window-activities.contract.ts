import type { Ab429Exclusions, FrEligibilityFacts } from './fr-window.rules';
import type { FrCloseReason, FrRefusal } from './fr-window.vocabulary';

// The activities of the FR aid process (`calworks/fr-aid-window/<removalId>`): the interface the workflow proxies and
// the activities lib implements (activities never import workflows). Every step writes its row, its outbox events and
// its clocks in one transaction; the event ids come from the workflow, so a retried step publishes once. Ids, codes
// and dates only: no personal data crosses this boundary.

export interface FrStepBase {
  removalId: string;
  familyId: string;
  caseId: string;
  countyCode: string;
  /** The process workflow id: the clocks of the step notify it (`deadlineReachedSignal`). */
  processId: string;
  /** Chosen by the workflow (deterministic), one per event the step may publish. */
  eventId: string;
}

export interface FrRecordRemovalInput extends FrStepBase {
  auId: string;
  childId: string;
  removedAt: string;
  allChildrenRemoved: boolean;
}

export interface FrTemporaryAbsenceResult {
  /** Last instant of the absence month (the clock's due instant). */
  dueAt: string;
  endsOn: string;
}

export interface FrConfirmMembersInput extends FrStepBase {
  auId: string;
  removedMemberIds: string[];
  parentMemberId: string;
  facts: FrEligibilityFacts;
  exclusions: Ab429Exclusions;
  by: string;
  confirmedAt: string;
  /** Set when the process refuses the window with these facts (recorded with the confirmation). */
  refusal?: FrRefusal;
  /** The Linkages priority flag: the parent's family is known to child welfare (this removal). */
  flagEventId: string;
  /** The child-removed event that made the family known. */
  sourceEventId?: string;
}

export interface FrRecommendationInput extends FrStepBase {
  casePlanId: string;
  filedOn: string;
  recommendsCashAid: boolean;
  recommendsAb429Services: boolean;
}

export interface FrOpenWindowInput extends FrStepBase {
  windowId: string;
  startsOn: string;
  startAt: string;
  because: string[];
}

export interface FrOpenWindowResult {
  endsOn: string;
  dueAt: string;
}

export interface FrCloseWindowInput extends FrStepBase {
  /** Absent: the process ends before any window opened (its clocks are cancelled, no fr-aid-window-closed). */
  windowId?: string;
  reason: FrCloseReason;
  closedOn: string;
  /** False when only the six months ended and AB 429 services go on: only the window's clock is met. */
  endsProcess: boolean;
  /** The event id of `redetermination-due` when the child returned home (→ regular CalWORKs). */
  redeterminationEventId?: string;
}

export interface FrAb429Input extends FrStepBase {
  serviceId: string;
  parentMemberId: string;
  /** The date the services run from (the case-plan date). */
  startsOn: string;
  /** Child welfare's next review of the reunification plan: the redetermination is aligned with it. */
  cwsReviewBy?: string;
}

export interface FrRedeterminationInput extends FrStepBase {
  serviceId: string;
  /** 1 for the first redetermination, then 2, 3… */
  round: number;
  dueOn: string;
  /** Open the next redetermination (the services continue). */
  openNext: boolean;
}

export interface FrAb429GoodCauseInput extends FrStepBase {
  serviceId: string;
  grantedOn: string;
  continuesThrough: string;
  /** The county's limit past the period, fixed when the process started (FrCountySettings.ab429GoodCauseMaxDays). */
  maxDaysPastPeriod: number;
}

export type FrAb429GoodCauseResult =
  { refusal: FrRefusal } | { periodEndsOn: string; continuesThrough: string; redeterminationDueOn: string };

export interface FrRedeterminationDoneInput extends FrStepBase {
  serviceId: string;
  /** The date the eligibility worker completed the redetermination. */
  completedOn: string;
  /** Staff id of who recorded it. */
  by: string;
}

export interface FrRedeterminationDoneResult {
  /** The round the redetermination met (the oldest open one); absent: none was open. */
  metRound?: number;
  /** The next round, opened from the completion date while the services continue. */
  nextRound?: number;
  nextDueOn?: string;
}

export interface FrRefusalInput extends FrStepBase {
  refusal: FrRefusal;
  at: string;
}

export interface FrAidWindowActivities {
  /** The removal as CalWORKs holds it; the member-confirmation task and its clock. */
  frRecordRemoval(input: FrRecordRemovalInput): Promise<void>;
  /** One full calendar month of temporary absence from removal: clock + temporary-absence-started. */
  frStartTemporaryAbsence(input: FrStepBase & { removedAt: string }): Promise<FrTemporaryAbsenceResult>;
  /** The EW's confirmation: the task resolved, its clock met, the facts kept; the parent flagged for Linkages. */
  frConfirmMembers(input: FrConfirmMembersInput): Promise<void>;
  /** Child welfare's case plan (recommends cash aid / AB 429 services): recorded; the follow-up clock met. */
  frRecordRecommendation(input: FrRecommendationInput): Promise<void>;
  /** The absence month ended with no recommendation: the follow-up clock (its ladder escalates) opens. */
  frEscalateMissingRecommendation(input: FrStepBase & { at: string }): Promise<void>;
  frOpenWindow(input: FrOpenWindowInput): Promise<FrOpenWindowResult>;
  frCloseWindow(input: FrCloseWindowInput): Promise<void>;
  /** AB 429: WTW and supportive services continue (no cash while all children are removed). */
  frContinueAb429Services(input: FrAb429Input): Promise<{ redeterminationDueOn: string }>;
  /** A six-month redetermination is due: redetermination-due, and the next one opens while services continue. */
  frRedeterminationDue(input: FrRedeterminationInput): Promise<{ nextDueOn?: string }>;
  /** AB 429 services end: their period ended, or the process ended (the services' clocks are cancelled). */
  frEndAb429Services(input: FrStepBase & { serviceId: string; endedOn: string; reason: 'period-ended' | FrCloseReason }): Promise<void>;
  /**
   * Child welfare's good cause continues the services past their period (the services' clock moves to its end, once;
   * ab429-services-continued with basis cws-good-cause-extension), or its refusal with the reason (nothing changes).
   */
  frGrantAb429GoodCause(input: FrAb429GoodCauseInput): Promise<FrAb429GoodCauseResult>;
  /** The EW completed a redetermination: the oldest open round is met; after an on-time one the next round opens. */
  frCompleteRedetermination(input: FrRedeterminationDoneInput): Promise<FrRedeterminationDoneResult>;
  /** A refused request, recorded with its reason (nothing else changes). */
  frRecordRefusal(input: FrRefusalInput): Promise<void>;
}
