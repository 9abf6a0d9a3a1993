import type { FieldSpec } from '@linkages/platform-access';
import type { EventPayload, familyReferredEvent } from '@linkages/shared-contracts';

type FamilyReferredPayload = EventPayload<typeof familyReferredEvent>;

/** The whole referral as child welfare sees it. Everybody else gets `redact(view, referralClassification, decision)`. */
export interface ReferralView {
  id: string;
  familyId: string;
  countyCode: string;
  status: 'open' | 'closed';
  createdAt: string;
  caseType: 'ER' | 'FM' | 'FR';
  cwsCaseNumber: string;
  calworksCaseNumber: string | null;
  calworksAided: boolean;
  removedOn: string | null;
  childrenRemoved: number;
  memberCount: number;
  members: { personId: string; role: 'parent' | 'child' | 'caregiver'; firstName: string; lastName: string; dateOfBirth: string; ssnMasked: string | null }[];
  allegations: string[];
  safetyConcerns: string | null;
  servicesRecommended: string[];
  reporter: { name: string; phone?: string; relationship?: string } | null;
}

/**
 * Every field of the view, classified (RULES.md 5). A field added to ReferralView without a class here is never
 * disclosed to anyone (redact drops unclassified fields) and fails the classification test.
 */
export const referralClassification = {
  id: 'key',
  familyId: 'key',
  countyCode: 'key',
  status: 'key',
  createdAt: 'key',
  caseType: 'fact',
  cwsCaseNumber: 'fact',
  calworksCaseNumber: 'fact',
  calworksAided: 'fact',
  removedOn: 'fact',
  childrenRemoved: 'fact',
  memberCount: 'fact',
  members: [{ personId: 'key', role: 'fact', firstName: 'identity', lastName: 'identity', dateOfBirth: 'identity', ssnMasked: 'identity' }],
  allegations: 'detail',
  safetyConcerns: 'detail',
  servicesRecommended: 'detail',
  reporter: { name: 'reporter', phone: 'reporter', relationship: 'reporter' },
} as const satisfies FieldSpec;

/** The event is built from the event view (ids and facts only): it cannot reach a field the policy withheld. */
export function familyReferredPayload(view: Partial<ReferralView>): FamilyReferredPayload {
  if (!view.id || !view.familyId || !view.caseType || view.childrenRemoved === undefined || view.memberCount === undefined || view.calworksAided === undefined || !view.createdAt) {
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
