/** The vocabulary of child welfare: every value a record, a request or an event of the domain may hold. */

export const personRoles = ['parent', 'child', 'caregiver'] as const;
export type PersonRole = (typeof personRoles)[number];

/** Allegation categories of the hotline (SDM screening). */
export const allegationTypes = [
  'physical-abuse',
  'sexual-abuse',
  'emotional-abuse',
  'severe-neglect',
  'general-neglect',
  'exploitation',
  'caretaker-absence',
  'at-risk-sibling-abused',
] as const;
export type AllegationType = (typeof allegationTypes)[number];

export type ReferralStatus = 'received' | 'evaluated-out' | 'accepted' | 'closed';

export const screeningDecisions = ['evaluated-out', 'accepted', 'differential-response'] as const;
export type ScreeningDecision = (typeof screeningDecisions)[number];

export const responsePriorities = ['immediate', '10-day'] as const;
export type ResponsePriority = (typeof responsePriorities)[number];

export const investigationDispositions = ['substantiated', 'inconclusive', 'unfounded'] as const;
export type InvestigationDisposition = (typeof investigationDispositions)[number];

export const assessmentTools = ['sdm-safety', 'sdm-risk'] as const;
export type AssessmentTool = (typeof assessmentTools)[number];

export const placementTypes = ['relative', 'foster-family', 'resource-family', 'group-home', 'other'] as const;
export type PlacementType = (typeof placementTypes)[number];

export type CaseType =
  'emergency-response' | 'family-maintenance-court' | 'family-maintenance-voluntary' | 'family-reunification' | 'after-care';
/** The case types opened without a removal (from an accepted referral, after the in-person response). */
export const openableCaseTypes = [
  'family-maintenance-voluntary',
  'family-maintenance-court',
  'after-care',
] as const satisfies readonly CaseType[];
export type CaseStatus = 'open' | 'closed';
export type DispositionOutcome = 'family-reunification' | 'family-maintenance' | 'bypass' | 'dismissed';

export const hearingTypes = [
  'detention',
  'jurisdiction',
  'disposition',
  'six-month-review',
  'twelve-month-permanency',
  'eighteen-month-review',
  'twenty-four-month-review',
  'family-maintenance-review',
  'section-366-26',
] as const;
export type HearingType = (typeof hearingTypes)[number];

/** What the court ordered. */
export const hearingOutcomes = [
  'held',
  'continued',
  'detained',
  'released',
  'jurisdiction-found',
  'dismissed',
  'family-reunification',
  'family-maintenance',
  'bypass',
  'services-continued',
  'services-terminated',
  'returned-home',
  'parental-rights-terminated',
  'guardianship',
  'fm-continued',
  'fm-terminated',
] as const;
export type HearingOutcome = (typeof hearingOutcomes)[number];

/** Why the court continued a hearing: WIC 352 (the child's interest), good cause, or a parent's request (WIC 319). */
export const continuanceBases = ['wic-352', 'good-cause', 'parent-request-wic-319'] as const;
export type ContinuanceBasis = (typeof continuanceBases)[number];

export const closeReasons = [
  'reunified',
  'services-completed',
  'adoption',
  'guardianship',
  'emancipation',
  'transferred',
  'other',
] as const;
export type CloseReason = (typeof closeReasons)[number];

/** `amendment`: a change to the plan in effect (e.g. adding the AB 135 recommendation); it meets and opens no clock. */
export type CasePlanKind = 'initial' | 'update' | 'amendment';

/** How reunification services end: at a review hearing, or bypassed at disposition (WIC 361.5(b)). */
export type ServicesTerminationBasis = 'review-hearing' | 'bypass-at-disposition';

/** What the decisions read of a hotline referral. */
export interface ReferralState {
  status: ReferralStatus;
  receivedAt: Date;
  screeningDecision: ScreeningDecision | null;
  decidedAt: Date | null;
  responsePriority: ResponsePriority | null;
  firstContactAt: Date | null;
  disposition: InvestigationDisposition | null;
}

/** What the decisions read of a case and its court timeline (dates are YYYY-MM-DD in California). */
export interface CaseState {
  type: CaseType;
  status: CaseStatus;
  openedOn: string;
  detained: boolean;
  petitionFiledOn: string | null;
  jurisdictionOn: string | null;
  dispositionOn: string | null;
}
