/** The CWS case type a referral comes from. */
export type CaseType = 'ER' | 'FM' | 'FR';
export type ReferralStatus = 'open' | 'closed';
export type MemberRole = 'parent' | 'child' | 'caregiver';

/** The hotline reporter (PC 11167(d)): kept for child welfare, classified `reporter`, never disclosed beyond it. */
export interface Reporter {
  name: string;
  phone?: string;
  relationship?: string;
}

/** A family member as child welfare sees them (date of birth decrypted, SSN masked). */
export interface ReferralMemberView {
  personId: string;
  role: MemberRole;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  ssnMasked: string | null;
}

/** The whole referral as child welfare sees it. Everybody else gets `redact(view, referralClassification, decision)`. */
export interface ReferralView {
  id: string;
  familyId: string;
  countyCode: string;
  status: ReferralStatus;
  createdAt: string;
  caseType: CaseType;
  cwsCaseNumber: string;
  calworksCaseNumber: string | null;
  calworksAided: boolean;
  removedOn: string | null;
  childrenRemoved: number;
  memberCount: number;
  members: ReferralMemberView[];
  allegations: string[];
  safetyConcerns: string | null;
  servicesRecommended: string[];
  reporter: Reporter | null;
}

/** Where referrals keep time: a date without a time is a day in the county (every Linkages county is in California). */
export const COUNTY_ZONE = 'America/Los_Angeles';
