import type { EventPayload, familyReferredEvent } from '@linkages/shared-contracts';
import type { ReferralView } from './referral';

export type FamilyReferredPayload = EventPayload<typeof familyReferredEvent>;

/** The event is built from the event view (ids and facts only): it cannot reach a field the policy withheld. */
export function familyReferredPayload(view: Partial<ReferralView>): FamilyReferredPayload {
  if (
    !view.id ||
    !view.familyId ||
    !view.caseType ||
    view.childrenRemoved === undefined ||
    view.memberCount === undefined ||
    view.calworksAided === undefined ||
    !view.createdAt
  ) {
    throw new Error('The event view of a referral lacks its key facts: check referralClassification');
  }
  return {
    referralId: view.id,
    familyId: view.familyId,
    caseType: view.caseType,
    childRemoved: view.childrenRemoved > 0,
    ...(view.removedOn ? { removedOn: view.removedOn } : {}),
    childrenRemoved: view.childrenRemoved,
    memberCount: view.memberCount,
    calworksAided: view.calworksAided,
    referredAt: view.createdAt,
  };
}
