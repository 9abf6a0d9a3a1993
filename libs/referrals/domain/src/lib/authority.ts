import type { AuthorityKind } from '@linkages/platform-access';
import type { ConsentScope } from './plan/plan-disclosure.rules';

export type { AuthorityKind } from '@linkages/platform-access';

/** What an authority releases beyond the minimum-necessary facts. */
export type AuthorityCategory = 'identity' | 'detail';

/** What a consent or an MDT membership allows, for how long, and why (the part the law decides). */
export interface AuthorityTerms {
  kind: AuthorityKind;
  effectiveFrom: Date;
  expiresAt: Date;
  categories: AuthorityCategory[];
  /** Records a consent names specifically (42 CFR 2.31: substance-use records only when named); an MDT never has any. */
  scopes: ConsentScope[];
  /** MDT: the team members (token subjects) the membership applies to; consent: null (covers the CalWORKs agency). */
  memberSubjects: string[] | null;
  /** Form and its reference (SCD 1029 / county release form number), or the MDT protocol. */
  reference: string;
  /** Why the window or expiry is what it is (rule, citation, computed due date). */
  basis: string;
}

/** A recorded authority to share a family's child-welfare information with CalWORKs (consent or MDT membership). */
export interface SharingAuthorityRecord extends AuthorityTerms {
  id: string;
  /** The referral it was recorded on, when it was (authorities recorded on the shared family have none). */
  referralId: string | null;
  /** The shared (Linkages) family it covers. */
  familyId: string;
  countyCode: string;
  recordedBy: string;
  recordedAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revocationReason: string | null;
  /** Why it ended: its expiry or window end (recorded by the authority's process at that instant), or a revocation. */
  endedReason: AuthorityEndReason | null;
}

/** Why an authority stopped: a consent's expiry, the end of an MDT window, or a revocation by staff. */
export type AuthorityEndReason = 'expired' | 'window-ended' | 'revoked';

/** A signed authorization for release of information, as the caller records it. */
export interface ConsentInput {
  signedOn: string;
  expiresOn: string;
  categories: readonly AuthorityCategory[];
  /** Records the authorization names specifically (none: it covers no substance-use records). */
  scopes?: readonly ConsentScope[];
  reference: string;
}

/** CalWORKs staff recorded as members of the family's child-abuse MDT. */
export interface MdtMembershipInput {
  reportReceivedOn: string;
  memberSubjects: readonly string[];
  reference: string;
  goodCauseExtensionDays?: number | undefined;
  goodCauseReason?: string | undefined;
}
