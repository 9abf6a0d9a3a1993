// The Linkages strategies as the program defines them (the seed program description; RULES.md 7): where a shared
// family is placed, why (reason codes, never narrative) and the child welfare case stage it was placed at.

export const strategies = [
  'prevention-information',
  'prevention-early-intervention',
  'intervention-er',
  'intervention-fm',
  'intervention-fr',
  'special-populations',
  'benefit-access',
] as const;
export type Strategy = (typeof strategies)[number];

/** An extra track beside the main strategy: an FR family can also be a special population. */
export const tracks = ['special-populations'] as const;
export type Track = (typeof tracks)[number];

/** Where the family's child welfare involvement stands (ER → FM or FR → after-care → closed). */
export const caseStages = ['none', 'er', 'fm', 'fr', 'after-care', 'closed'] as const;
export type CaseStage = (typeof caseStages)[number];

export const placementReasons = [
  'fr-case-open',
  'fm-case-open',
  'after-care-case-open',
  'er-referral-accepted',
  'er-case-open',
  'calworks-aided',
  'calworks-applicant',
  'calworks-serving',
  'risk-factors-identified',
  'no-open-cws-case',
  'evaluated-out',
  'poverty-only-ab2085',
  'family-consents',
  'homeless',
  'sanctioned',
  'teen-parent',
] as const;
export type PlacementReason = (typeof placementReasons)[number];

/** CalWORKs' status of the family's Assistance Unit, as CalWORKs recorded it (or as a named case number implies). */
export type CalworksStatus = 'none' | 'applicant' | 'aided' | 'discontinued';

/** The CWS case types of `cws.case-opened`. */
export type CwsCaseType =
  'emergency-response' | 'family-maintenance-court' | 'family-maintenance-voluntary' | 'family-reunification' | 'after-care';

/** The risk-factor codes CalWORKs staff record on a prevention referral (county lists may be longer). */
export const riskFactorCodes = [
  'domestic-violence',
  'mental-health',
  'substance-use',
  'housing-instability',
  'prior-cws-history',
  'child-behavioral-needs',
  'other',
] as const;
export type RiskFactorCode = (typeof riskFactorCodes)[number];
