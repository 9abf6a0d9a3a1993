import type { AgeBandValue } from '../matching/comparison';

/** A current person link between a member of one family ref and a member of the other. */
export interface FamilyPersonLink {
  linkId: string;
  aAgeBand: AgeBandValue;
  bAgeBand: AgeBandValue;
}

export type FamilyLinkOutcome =
  | { outcome: 'link'; basis: 'adult-linked' | 'case-number'; linkIds: string[] }
  | { outcome: 'review'; basis: 'case-number-only' | 'children-only'; linkIds: string[] }
  | { outcome: 'none' };

const adult = (band: AgeBandValue) => band !== 'child';

/**
 * When two agency families are one shared family (plan §3): at least one adult is linked in both (auto or confirmed),
 * or the CalWORKs case number child welfare recorded equals the AU's and at least one person agrees. A case number
 * with no person agreeing, or only children linked, is a question for the liaison (review), never a link.
 */
export function familyLinkOf(
  links: readonly FamilyPersonLink[],
  caseNumbers: { a?: string | null; b?: string | null } = {},
): FamilyLinkOutcome {
  const linkIds = links.map((l) => l.linkId);
  const adultLinks = links.filter((l) => adult(l.aAgeBand) && adult(l.bAgeBand));
  if (adultLinks.length > 0) return { outcome: 'link', basis: 'adult-linked', linkIds };
  const caseNumberAgrees = !!caseNumbers.a && !!caseNumbers.b && caseNumbers.a.trim().toUpperCase() === caseNumbers.b.trim().toUpperCase();
  if (caseNumberAgrees && links.length > 0) return { outcome: 'link', basis: 'case-number', linkIds };
  if (caseNumberAgrees) return { outcome: 'review', basis: 'case-number-only', linkIds };
  if (links.length > 0) return { outcome: 'review', basis: 'children-only', linkIds };
  return { outcome: 'none' };
}
