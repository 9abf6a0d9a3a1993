import type { ReferralState } from './child-welfare.types';
import { refusal, type ClockOpening, type Refusal } from './refusal';

type Referral = Pick<
  ReferralState,
  'status' | 'screeningDecision' | 'receivedAt' | 'decidedAt' | 'responsePriority' | 'firstContactAt' | 'disposition'
>;

/** A person named as a child of the family must be one. */
export function childRefusal(person: { role: string } | null | undefined): Refusal | undefined {
  if (!person || person.role !== 'child') return refusal('This person is not a child of the family');
  return undefined;
}

/** Immediate → 10-day, before contact (with supervisor and manager approval, checked by the API's permission and body). */
export function downgradeRefusal(referral: Pick<Referral, 'status' | 'responsePriority' | 'firstContactAt'>): Refusal | undefined {
  if (referral.status !== 'accepted' || referral.responsePriority !== 'immediate')
    return refusal('Only an accepted referral with an immediate response can be downgraded');
  if (referral.firstContactAt) return refusal('A downgrade needs approval before contact; contact was already made');
  return undefined;
}

/** A downgrade cancels the immediate response clock and counts 10 days from the screening decision (or the report). */
export function downgradeClocks(referral: Pick<Referral, 'decidedAt' | 'receivedAt'>): {
  cancel: { purpose: string; reasonCode: string };
  open: ClockOpening;
} {
  return {
    cancel: { purpose: 'er-response', reasonCode: 'downgraded-to-10-day' },
    open: {
      purpose: 'er-response-10-day',
      ruleId: 'cws.er.ten-day-response',
      startAt: (referral.decidedAt ?? referral.receivedAt).toISOString(),
    },
  };
}

export function contactRefusal(referral: Pick<Referral, 'status' | 'decidedAt'>, madeAt: string): Refusal | undefined {
  if (referral.status !== 'accepted') return refusal('In-person contact is recorded on an accepted referral');
  if (referral.decidedAt && new Date(madeAt) < referral.decidedAt) return refusal('Contact cannot precede the screening decision');
  return undefined;
}

/** The first in-person contact meets the response clock, whichever of the two is open. */
export const clocksMetByFirstContact = ['er-response', 'er-response-10-day'] as const;

/** The investigation's 30-day disposition clock (LA DCFS 0070-548.10: county rule). */
export const INVESTIGATION_DISPOSITION = 'investigation-disposition';

/**
 * What an in-person contact does to the referral's clocks. The first one meets the response clock and, on a referral
 * accepted for investigation, starts the 30-day disposition clock from the contact's own instant (RULES.md 1: "30 CD
 * from the first face-to-face contact"). Differential Response has no disposition clock; a later contact does nothing.
 */
export function firstContactClocks(
  referral: Pick<Referral, 'screeningDecision' | 'firstContactAt'>,
  madeAt: string,
): { satisfy: readonly string[]; open: ClockOpening[] } {
  if (referral.firstContactAt) return { satisfy: [], open: [] };
  return {
    satisfy: clocksMetByFirstContact,
    open:
      referral.screeningDecision === 'accepted'
        ? [{ purpose: INVESTIGATION_DISPOSITION, ruleId: 'cws.er.investigation-disposition', startAt: madeAt }]
        : [],
  };
}

export function assessmentRefusal(referral: Pick<Referral, 'status'>): Refusal | undefined {
  if (referral.status !== 'accepted') return refusal('SDM assessments are recorded on an accepted referral');
  return undefined;
}

export function dispositionRefusal(
  referral: Pick<Referral, 'status' | 'screeningDecision' | 'firstContactAt' | 'disposition'>,
): Refusal | undefined {
  if (referral.status !== 'accepted' || referral.screeningDecision !== 'accepted')
    return refusal('A disposition closes an investigation: the referral must be accepted for investigation');
  if (!referral.firstContactAt) return refusal('An investigation cannot be disposed of before in-person contact');
  if (referral.disposition) return refusal(`The investigation was already disposed of (${referral.disposition})`);
  return undefined;
}

/** The clock a disposition meets. */
export const clockMetByDisposition = INVESTIGATION_DISPOSITION;

/** A removal is recorded on an accepted referral (checked before the child). */
export function removalRefusal(referral: Pick<Referral, 'status'>): Refusal | undefined {
  if (referral.status !== 'accepted') return refusal('A removal is recorded on an accepted referral');
  return undefined;
}

/** …and not before the report (checked after the child). */
export function removalDateRefusal(referral: Pick<Referral, 'receivedAt'>, removedAt: string): Refusal | undefined {
  if (new Date(removedAt) < referral.receivedAt) return refusal('A removal cannot precede the referral');
  return undefined;
}

/** A case without a removal opens from an accepted referral, after the in-person response. */
export function openCaseRefusal(referral: Pick<Referral, 'status' | 'firstContactAt'>): Refusal | undefined {
  if (referral.status !== 'accepted') return refusal('A case opens from an accepted referral');
  if (!referral.firstContactAt) return refusal('A case opens after the in-person response');
  return undefined;
}
