import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Ab429Exclusions, FrCloseReason, FrCountySettings, FrEligibilityFacts, FrRefusal, FrStatus } from '@linkages/calworks-domain';

// Messages of the FR aid process `calworks/fr-aid-window/<removalId>` (RULES.md 4): its input, its view, the child
// welfare facts it reacts to (signals, each with its event id: a redelivered event is ignored), the eligibility
// worker's updates (validated) and the view query. Ids, codes and dates only.

export interface FrAidWindowInput {
  removalId: string;
  familyId: string;
  caseId: string;
  childId: string;
  countyCode: string;
  removedAt: string;
  allChildrenRemoved: boolean;
  /** The AU found by county and CalWORKs case number; null: the case number is on the review list (`reviewId`). */
  auId: string | null;
  reviewId: string | null;
  /** The county's choices where the law is unconfirmed, fixed when the process starts. */
  settings: FrCountySettings;
}

/** A child welfare fact, as the inbox handler passes it on. */
export type CwsFact =
  | { kind: 'child-removed' }
  | {
      kind: 'case-plan-filed';
      casePlanId: string;
      filedOn: string;
      planKind: 'initial' | 'update';
      recommendsCashAid: boolean;
      recommendsAb429Services: boolean;
      /** Child welfare's next plan review: the AB 429 redetermination is aligned with it. */
      nextUpdateDue?: string;
    }
  | { kind: 'child-reunified'; childId: string; returnedOn: string; trialHomeVisit: boolean }
  | { kind: 'services-terminated'; terminatedOn: string }
  | { kind: 'parental-rights-terminated'; childId: string; terminatedOn: string }
  | { kind: 'case-closed'; closedOn: string }
  /** Child welfare granted good cause to continue the FR services past their period (RULES.md 4). */
  | { kind: 'fr-services-good-cause'; grantedOn: string; continuesThrough: string };

export interface CwsFactSignal {
  /** The inbox event's id: the process ignores an id it has seen. */
  eventId: string;
  fact: CwsFact;
}

export const cwsFactSignal = defineSignal<[CwsFactSignal]>('frCwsFact');

/** The eligibility worker matched the case number of the review list to an AU. */
export interface MatchAuRequest {
  auId: string;
  /** Staff id (UUID) of who matched it. */
  by: string;
}

/** The eligibility worker's confirmation of which AU members the removed children are, and the AU's facts. */
export interface ConfirmMembersRequest {
  removedMemberIds: string[];
  /** The adult in reunification. */
  parentMemberId: string;
  facts: Omit<FrEligibilityFacts, 'allChildrenRemoved'>;
  exclusions: Ab429Exclusions;
  by: string;
  /** When it was confirmed, if recorded later (ISO instant); absent: now. */
  confirmedAt?: string;
}

/** The eligibility worker completed an AB 429 redetermination (RULES.md 4, "Reporting (AB 429)"). */
export interface RecordRedeterminationRequest {
  completedOn: string;
  /** Staff id (UUID) of who recorded it. */
  by: string;
}

export interface FrTimelineEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface FrAidWindowView {
  removalId: string;
  familyId: string;
  caseId: string;
  countyCode: string;
  status: FrStatus;
  auId: string | null;
  reviewId: string | null;
  allChildrenRemoved: boolean;
  removedAt: string;
  settings: FrCountySettings;
  members?: { removedMemberIds: string[]; parentMemberId: string; confirmedAt: string; by: string };
  temporaryAbsence?: { endsOn: string; dueAt: string; ended: boolean };
  recommendation?: { casePlanId: string; filedOn: string; planKind: 'initial' | 'update'; recommendsCashAid: boolean };
  recommendationEscalatedAt?: string;
  window?: {
    windowId: string;
    startsOn: string;
    endsOn: string;
    because: string[];
    closedOn?: string;
    closeReason?: FrCloseReason;
  };
  ab429?: {
    serviceId: string;
    startsOn: string;
    redeterminationDueOn: string;
    round: number;
    endedOn?: string;
    /** Child welfare's good cause continues the services through this date. */
    goodCauseThrough?: string;
    lastRedeterminationOn?: string;
  };
  /** Why the process ended (a window closed or never opened). */
  closeReason?: FrCloseReason;
  refusals: (FrRefusal & { at: string })[];
  timeline: FrTimelineEntry[];
}

export const matchAuUpdate = defineUpdate<FrAidWindowView, [MatchAuRequest]>('frMatchAu');
export const confirmMembersUpdate = defineUpdate<FrAidWindowView, [ConfirmMembersRequest]>('frConfirmMembers');
export const recordRedeterminationUpdate = defineUpdate<FrAidWindowView, [RecordRedeterminationRequest]>('frRecordRedetermination');
export const frAidWindowViewQuery = defineQuery<FrAidWindowView>('frAidWindowView');
