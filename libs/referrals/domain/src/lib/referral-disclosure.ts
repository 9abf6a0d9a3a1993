import type { DisclosureDecision } from '@linkages/platform-access';
import type { ReferralView } from './referral';

/** A referral as a caller sees it, and why: the legal basis and the field classes disclosed. */
export interface DisclosedReferral extends Partial<ReferralView> {
  disclosure: { basis: string; citation: string; classes: string[]; authorityIds: string[] };
}

/** The view the policy allowed, with the decision that allowed it. */
export function disclosed(view: Partial<ReferralView>, decision: DisclosureDecision): DisclosedReferral {
  return {
    ...view,
    disclosure: {
      basis: decision.basis ?? 'none',
      citation: decision.citation ?? '',
      classes: decision.classes,
      authorityIds: decision.authorityIds,
    },
  };
}

/** The authority an audited read relied on: its basis and the authorities that widened it (`consent:<id>`). */
export function authorityLabel(decision: DisclosureDecision): string {
  return [decision.basis ?? 'none', ...decision.authorityIds].join(':');
}

/** How a refused read is answered: another county's referral reads as a missing one (existence is confidential, 404). */
export interface ReadRefusal {
  answer: 'not-found' | 'no-authority';
  /** As audited. */
  reason: string;
}

/** How a refused read is answered (`decision` is the sharing policy's, absent when there is no such referral). */
export function readRefusal(found: boolean, decision: Pick<DisclosureDecision, 'refusal'> | undefined): ReadRefusal {
  return !found || decision?.refusal === 'other-county'
    ? { answer: 'not-found', reason: 'not found in the caller’s county' }
    : { answer: 'no-authority', reason: 'no sharing authority for the caller’s agency' };
}
