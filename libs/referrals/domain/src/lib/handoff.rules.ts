import type { FamilyReferredPayload } from './family-referred.payload';

/** The Linkages hand-off rule (RULES.md 9.10): the CalWORKs worker contacts the CSW within 3 business days. */
export const HANDOFF_RULE = 'linkages.fr-worker-contacts-csw';

/** The referral's one hand-off clock (tracked per referral under this purpose). */
export const HANDOFF_PURPOSE = 'fr-worker-contacts-csw';

/** A referral starts the hand-off clock when a child is removed in a CalWORKs-aided family; any other referral starts none. */
export function startsHandoffClock(referral: Pick<FamilyReferredPayload, 'childRemoved' | 'calworksAided'>): boolean {
  return referral.childRemoved && referral.calworksAided;
}
