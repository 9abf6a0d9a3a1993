/** What an agency ref in a shared Linkages family names: a child welfare family, a CalWORKs Assistance Unit, a typed-in referral. */
export const refKinds = ['cws-family', 'au', 'linkages-referral'] as const;
export type RefKind = (typeof refKinds)[number];

/** An agency's own id for (part of) a shared family. */
export interface AgencyRef {
  kind: RefKind;
  id: string;
}

/** The agency that owns a ref kind. */
export const agencyOfRefKind = (kind: RefKind): 'cws' | 'calworks' | 'linkages' =>
  kind === 'cws-family' ? 'cws' : kind === 'au' ? 'calworks' : 'linkages';

/** Person records as referrals holds them (tokens only, except typed-in members, which the referral encrypts). */
export const personRefKinds = ['cws-person', 'au-member', 'referral-member'] as const;
export type PersonRefKind = (typeof personRefKinds)[number];

export const familyRefKindOfPerson = (kind: PersonRefKind): RefKind =>
  kind === 'cws-person' ? 'cws-family' : kind === 'au-member' ? 'au' : 'linkages-referral';
