import type { SanctionRules } from './sanction-dates';
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

// The state of one noncompliance episode's sanction process and the requests that move it (ids, codes, dates).

export interface SanctionInput {
  episodeId: string;
  familyId: string;
  participantId: string;
  /** The participant's Assistance Unit (each parent of a two-parent AU has an episode of their own). */
  auId: string;
  countyCode: string;
  noticeForm: NoticeForm;
  noticeIssuedOn: string;
  reason: NoncomplianceReason;
  /** The rules as they apply in the county (sanctionRulesFor). */
  rules: SanctionRules;
  /** Child welfare already knows the family (the starter found it): flagged for Linkages at once. */
  knownToChildWelfare?: { source: LinkagesSource; eventId: string };
  /** Carried over by continue-as-new. */
  state?: SanctionState;
}

export interface CureState {
  n: number;
  id: string;
  contactOn: string;
  childCare: ChildCareStatus;
  childCareInPlaceOn?: string;
  /** SB 80: the good cause's second 15-day increment (30 days at most) was granted; the date it ends. */
  childCareGoodCauseUntil?: string;
  plan?: { id: string; signedOn: string; activityStartedOn?: string; completedOn?: string };
  ended?: 'completed' | 'activity-time-ended';
}

export interface SanctionState {
  status: EpisodeStatus;
  opened: boolean;
  goodCause?: { id: string; ground: string; phase: GoodCausePhase; determinedOn: string; by: string };
  compliancePlan?: { id: string; signedOn: string; planEndsOn: string; outcome?: 'completed' | 'failed'; outcomeOn?: string; by: string };
  request?: {
    id: string;
    basis: SanctionRequestBasis;
    requestedOn: string;
    notice: NoticeForm | 'NA 817';
    /** The supervisor's review is due by this instant (calworks.wtw.sanction-review). */
    reviewDueAt: string;
    escalationLevel: number;
    review?: { id: string; decision: 'sanction' | 'good-cause'; ground?: string; reviewedOn: string; by: string };
  };
  sanction?: {
    id: string;
    imposedOn: string;
    effectiveOn: string;
    explanation: string;
    status: SanctionStatus;
    curedOn?: string;
    aidRestoredOn?: string;
    aidRestorationExplanation?: string;
    hearing?: { requestedOn: string; aidPaidPending: boolean; lastDay: string; outcome?: 'sustained' | 'reversed'; decidedOn?: string };
  };
  cures: CureState[];
  linkages?: { source: LinkagesSource; sourceEventId: string; flaggedOn: string; goodCauseProposedOn?: string };
  resolution?: { kind: EpisodeResolution; on: string };
  /** What the episode's clocks told the process (due, escalations), newest last. */
  clockNotices: { purpose: string; kind: string; at: string; escalationLevel?: number }[];
  /** Ids of signals already applied (inbox events may arrive twice). */
  seen: string[];
}

export const initialSanctionState = (): SanctionState => ({
  status: 'compliance-period',
  opened: false,
  cures: [],
  clockNotices: [],
  seen: [],
});

export interface SanctionView {
  episodeId: string;
  familyId: string;
  participantId: string;
  /** The participant's Assistance Unit (each parent of a two-parent AU has an episode of their own). */
  auId: string;
  countyCode: string;
  noticeForm: NoticeForm;
  noticeIssuedOn: string;
  reason: NoncomplianceReason;
  /** Day 20 of the compliance period, with its explanation. */
  compliancePeriodEndsOn: string | null;
  compliancePeriodExplanation: string;
  state: SanctionState;
}

/** The cure in progress (asked for and not ended), if any. */
export const currentCure = (s: SanctionState): CureState | undefined => {
  const last = s.cures[s.cures.length - 1];
  return last && !last.ended ? last : undefined;
};

// Requests (workflow updates). `by` is the staff member's pseudonymous id (UUID); dates are California dates.
export interface GoodCauseRequest {
  ground: string;
  determinedOn: string;
  by: string;
}
export interface CompliancePlanRequest {
  signedOn: string;
  planEndsOn: string;
  by: string;
}
export interface PlanOutcomeRequest {
  outcome: 'completed' | 'failed';
  on: string;
  /** A failed plan with good cause ends the episode with it; without, a sanction request follows (NA 817). */
  goodCauseGround?: string;
  by: string;
}
export interface SupervisorReviewRequest {
  decision: 'sanction' | 'good-cause';
  ground?: string;
  reviewedOn: string;
  by: string;
}
export interface CureRequest {
  contactOn: string;
  /** SB 80: child care must be in place before any cure activity is required. */
  childCareNeeded: boolean;
  by: string;
}
export interface CurePlanRequest {
  signedOn: string;
  by: string;
}
/** SB 80: child care is still being arranged at the end of the first 15 days: one more 15-day increment. */
export interface ChildCareExtensionRequest {
  requestedOn: string;
  by: string;
}
export interface ChildCareInPlaceRequest {
  on: string;
  by: string;
}
export interface CureCompletedRequest {
  completedOn: string;
  by: string;
}
export interface StateHearingRequest {
  requestedOn: string;
  by: string;
}
export interface HearingDecisionRequest {
  decidedOn: string;
  outcome: 'sustained' | 'reversed';
  by: string;
}
/** Child welfare knows the family (an inbox event): flag the episode; a conflicting case-plan activity proposes good cause. */
export interface LinkagesSignal {
  eventId: string;
  source: LinkagesSource;
  knownOn: string;
  casePlanActivityConflict?: boolean;
}
