/** The vocabulary of a CalWORKs household: every value an Assistance Unit, a member or a WTW record may hold. */

/** CalWORKs dates are California dates. */
export const CALWORKS_ZONE = 'America/Los_Angeles';

export const memberRoles = ['applicant', 'caretaker-relative', 'parent', 'child', 'other'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** An Assistance Unit is aided or not aided from a date on (its history is a list of such changes). */
export const aidedStatuses = ['aided', 'not-aided'] as const;
export type AidedStatus = (typeof aidedStatuses)[number];

/** Whether the AU's cash grant is paid, suspended (e.g. AB 429 while every child is removed) or discontinued. */
export const cashAidStatuses = ['paid', 'suspended', 'discontinued'] as const;
export type CashAidStatus = (typeof cashAidStatuses)[number];

export const grantChangeReasons = [
  'approval',
  'income-change',
  'household-change',
  'sanction',
  'sanction-cured',
  'temporary-absence',
  'fr-aid-window',
  'redetermination',
  'discontinuance',
  'other',
] as const;
export type GrantChangeReason = (typeof grantChangeReasons)[number];

export const wtwActivityTypes = [
  'unsubsidized-employment',
  'subsidized-employment',
  'work-experience',
  'community-service',
  'job-search',
  'vocational-training',
  'education',
  'behavioral-health-treatment',
  'substance-use-treatment',
  'domestic-violence-services',
  'family-stabilization',
  'other',
] as const;
export type WtwActivityType = (typeof wtwActivityTypes)[number];

/** WTW exemptions (WIC 11320.3; AB 2300; EAS 42-712.45). */
export const exemptionReasons = [
  'cws-caretaker-relative',
  'ab2300-birth',
  'ab2300-placement',
  'child-under-24-months',
  'disability',
  'age-60-or-older',
  'caring-for-ill-household-member',
  'pregnancy',
  'school-teen',
  'other',
] as const;
export type ExemptionReason = (typeof exemptionReasons)[number];

export const verificationStatuses = ['pending', 'verified', 'not-verified'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** Who verifies an exemption: the CWS social worker in writing (EAS 42-712.45), a medical or other document. */
export const verificationSources = [
  'cws-social-worker',
  'medical-provider',
  'birth-or-placement-record',
  'school',
  'other-document',
] as const;
export type VerificationSource = (typeof verificationSources)[number];

export const supportiveServiceTypes = ['child-care', 'transportation', 'behavioral-health', 'substance-use', 'domestic-violence'] as const;
export type SupportiveServiceType = (typeof supportiveServiceTypes)[number];

export const supportiveServiceStatuses = ['requested', 'authorized', 'in-place', 'ended'] as const;
export type SupportiveServiceStatus = (typeof supportiveServiceStatuses)[number];

/** The crises Family Stabilization answers (WIC 11325.24; ACL 14-12). */
export const familyStabilizationReasons = [
  'homelessness',
  'domestic-violence',
  'untreated-behavioral-health',
  'untreated-substance-use',
  'other-crisis',
] as const;
export type FamilyStabilizationReason = (typeof familyStabilizationReasons)[number];
