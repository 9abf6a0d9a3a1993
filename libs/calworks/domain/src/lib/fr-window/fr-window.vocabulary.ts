// The Family Reunification aid process (AB 135 window, AB 429 services): its words, rule ids and clock purposes.
// RULES.md section 4 and 9.9; the process is the workflow `calworks/fr-aid-window/<removalId>`.

/** California's zone: aid months and plan dates are California calendar dates. */
export const FR_ZONE = 'America/Los_Angeles';

/** AB 135 went live after SAWS automation: no FR cash aid issued before this date (ACL 25-05; Santa Clara AB 135). */
export const FR_GO_LIVE = '2025-01-01';

/** The rules the process's clocks run (rule records in `rules/`; docs/rules.md). */
export const frRules = {
  temporaryAbsence: 'calworks.fr.temporary-absence',
  window: 'calworks.fr.ab135-window',
  ab429Services: 'calworks.fr.ab429-services',
  ab429Redetermination: 'calworks.fr.ab429-redetermination',
  /**
   * The eligibility worker confirms which AU members the removed children are: LA DPSS says "immediately" on the
   * DCFS 5230 (RULES.md 7, county). Rule record requested from the lead (not in the catalog yet).
   */
  memberConfirmation: 'calworks.fr.removal-member-confirmation',
  /** An event naming a CalWORKs case number the county does not hold: reviewed by an EW. Rule record requested. */
  unmatchedCaseReview: 'calworks.fr.unmatched-case-number-review',
  /**
   * Child welfare's cash-aid recommendation still missing when the temporary-absence month ended: the follow-up
   * clock whose escalation ladder reaches the supervisor. Rule record requested.
   */
  recommendationFollowUp: 'calworks.fr.cash-aid-recommendation-follow-up',
} as const;

/** Purposes of the clocks of one removal (subject `fr-removal/<removalId>`). */
export const frPurposes = {
  memberConfirmation: 'member-confirmation',
  temporaryAbsence: 'temporary-absence',
  recommendationFollowUp: 'cash-aid-recommendation',
  window: 'ab135-window',
  ab429Services: 'ab429-services',
  /** `ab429-redetermination-<n>`: one clock per six-month redetermination. */
  ab429Redetermination: 'ab429-redetermination',
} as const;

export const FR_SUBJECT_TYPE = 'fr-removal';
export const FR_REVIEW_SUBJECT_TYPE = 'fr-unmatched-case';
export const FR_REVIEW_PURPOSE = 'case-number-review';
/** Who acts when the process acts on its own (a clock reached, an event arrived): hashed into a staff id. */
export const FR_SYSTEM_ACTOR = 'system:calworks-fr-aid-window';

export const frStatuses = [
  'awaiting-au-match',
  'partial-removal',
  'temporary-absence',
  'awaiting-recommendation',
  'window-open',
  'closed',
  'not-eligible',
] as const;
export type FrStatus = (typeof frStatuses)[number];

/** Why a window closed (the fr-aid-window-closed event carries the contract's code for it). */
export const frCloseReasons = [
  'returned-home',
  'services-terminated',
  'parental-rights-terminated',
  'window-ended',
  'case-closed',
] as const;
export type FrCloseReason = (typeof frCloseReasons)[number];

/**
 * Why the process refuses a window, AB 429 services or child welfare's good cause to continue them (RULES.md 4,
 * "Eligibility conditions", "AB 429 exclusions", "Services beyond 6 months").
 */
export const frRefusalCodes = [
  'not-all-children-removed',
  'non-needy-caretaker-relative',
  'au-not-aided-at-removal',
  'window-already-granted-for-removal',
  'ssi-recipient',
  'undocumented-noncitizen',
  'fleeing-felon',
  'time-on-aid-limit-reached',
  'ab429-services-ended',
  'ab429-good-cause-already-granted',
  'good-cause-not-past-period',
  'good-cause-beyond-county-limit',
] as const;
export type FrRefusalCode = (typeof frRefusalCodes)[number];

export interface FrRefusal {
  code: FrRefusalCode;
  /** The reason in words, with its source. */
  reason: string;
}

export const caretakerRoles = ['parent', 'caretaker-relative'] as const;
export type CaretakerRole = (typeof caretakerRoles)[number];
