// The words of the WTW sanction process (RULES.md section 3): notices, reasons, good-cause grounds, outcomes.

/** NA 840: a mandatory participant; NA 845: the second parent of a two-parent AU (RULES.md 3, "Noncompliance notice"). */
export const noticeForms = ['NA 840', 'NA 845'] as const;
export type NoticeForm = (typeof noticeForms)[number];

/** What counts as noncompliance (RULES.md 3; WIC 11327.4–11327.5), as the noncompliance-started contract names it. */
export const noncomplianceReasons = [
  'plan-not-signed',
  'activity-not-attended',
  'insufficient-progress',
  'employment-refused-or-left',
] as const;
export type NoncomplianceReason = (typeof noncomplianceReasons)[number];

/**
 * Grounds on which the CWES supervisor finds good cause instead of recording the sanction (RULES.md 3, "Sanction
 * request and review": exempt-eligible, 60-month clock timed out, full-time employment verified, supportive services
 * not assigned/issued, notices missing or wrong (incl. the second parent's), process wrong, request late).
 */
export const supervisorGoodCauseGrounds = [
  'exempt-eligible',
  'time-limit-reached',
  'full-time-employment-verified',
  'supportive-services-not-provided',
  'notice-missing-or-wrong',
  'process-error',
  'request-late',
] as const;
export type SupervisorGoodCauseGround = (typeof supervisorGoodCauseGrounds)[number];

/**
 * Grounds the employment counselor may find in the compliance period or on a failed compliance plan: the
 * supervisor's grounds, SB 80 child care not yet in place (RULES.md 3, "Child care before cure activity"), a crisis
 * that calls for Family Stabilization (RULES.md 3, "Family Stabilization"), and a conflicting child-welfare case-plan
 * or court-ordered activity (RULES.md 7, "integration of the CalWORKs and DCFS case plans"). The WTW 26 guideline
 * list itself is not in RULES.md: a ground outside this list is refused.
 */
export const goodCauseGrounds = [
  ...supervisorGoodCauseGrounds,
  'child-care-unavailable-sb80',
  'family-crisis-family-stabilization',
  'cws-case-plan-activity-conflict',
  'court-ordered-activity-conflict',
] as const;
export type GoodCauseGround = (typeof goodCauseGrounds)[number];

/** Grounds only the process itself records: the ACL 15-99 60-day guard and a state hearing decided for the claimant. */
export const systemGoodCauseGrounds = ['untick-guard-acl-15-99', 'state-hearing-reversed'] as const;
export type SystemGoodCauseGround = (typeof systemGoodCauseGrounds)[number];

export const isGoodCauseGround = (g: unknown): g is GoodCauseGround => (goodCauseGrounds as readonly unknown[]).includes(g);
export const isSupervisorGround = (g: unknown): g is SupervisorGoodCauseGround =>
  (supervisorGoodCauseGrounds as readonly unknown[]).includes(g);

export type EpisodeStatus = 'compliance-period' | 'compliance-plan' | 'sanction-requested' | 'sanctioned' | 'resolved';
export type GoodCausePhase = 'compliance-period' | 'compliance-plan-failed' | 'supervisor-review' | 'untick-guard' | 'state-hearing';
export type SanctionRequestBasis = 'compliance-period-ended' | 'compliance-plan-failed';
export type SanctionStatus = 'imposed' | 'lifted' | 'cured' | 'reversed';
export type ChildCareStatus = 'not-needed' | 'arranging' | 'in-place';
export type EpisodeResolution = 'good-cause' | 'complied' | 'untick-guard' | 'cured' | 'lifted' | 'hearing-reversed';
/** Where child welfare's knowledge of the family came from (issue 12 item 4). */
export const linkagesSources = ['referral-accepted', 'case-opened', 'child-removed'] as const;
export type LinkagesSource = (typeof linkagesSources)[number];

/** The clock purposes of an episode (subject `wtw-episode/<episodeId>`); a cure's clocks carry its number. */
export const SANCTION_SUBJECT_TYPE = 'wtw-episode';
export const purposes = {
  compliancePeriod: 'compliance-period',
  untickGuard: 'untick-guard',
  sanctionReview: 'sanction-review',
  sanctionTask: 'sanction-task-to-ew',
  curePlan: (n: number) => `cure-plan-${n}`,
  cureActivity: (n: number) => `cure-activity-${n}`,
  childCare: (n: number) => `sb80-child-care-${n}`,
} as const;

export const sanctionRuleIds = {
  compliancePeriod: 'calworks.wtw.compliance-period',
  untickGuard: 'calworks.wtw.untick-guard',
  sanctionReview: 'calworks.wtw.sanction-review',
  sanctionTask: 'calworks.wtw.sanction-task-to-ew',
  timelyNotice: 'calworks.wtw.timely-notice',
  curePlan: 'calworks.wtw.cure-plan',
  cureActivity: 'calworks.wtw.cure-activity',
  childCare: 'calworks.wtw.sb80-child-care-good-cause',
  aidRestoration: 'calworks.wtw.aid-restoration-month',
  stateHearing: 'calworks.hearing.state-hearing-request',
} as const;

/** Who acted when the process itself did (a clock came due): a fixed pseudonymous id, never a person. */
export const SANCTION_PROCESS_ACTOR = '00000000-0000-4000-8000-00000000c0de';
