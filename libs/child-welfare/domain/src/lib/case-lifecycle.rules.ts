import type { CaseState } from './child-welfare.types';
import { dateOf } from './cws-dates';
import { refusal, type Refusal } from './refusal';

/** A closed case takes no more commands. */
export function closedCaseRefusal(kase: Pick<CaseState, 'status'>): Refusal | undefined {
  return kase.status === 'closed' ? refusal('The case is closed') : undefined;
}

export function closeRefusal(kase: Pick<CaseState, 'openedOn'>, closedOn: string): Refusal | undefined {
  return closedOn < kase.openedOn ? refusal('A case cannot close before it opened') : undefined;
}

export function alreadyClosedRefusal(kase: Pick<CaseState, 'status'>): Refusal | undefined {
  return kase.status === 'closed' ? refusal('The case is already closed') : undefined;
}

/** Closing a case cancels every open clock with this reason. */
export const CASE_CLOSED = 'case-closed';

export function cftMeetingRefusal(kase: Pick<CaseState, 'openedOn'>, heldOn: string): Refusal | undefined {
  return heldOn < kase.openedOn ? refusal('A CFT meeting of this case cannot precede the case') : undefined;
}

/** A CFT meeting meets the first-CFT clock (60 days, 30 with ICWA); later meetings meet nothing. */
export const FIRST_CFT = 'first-cft';

/** A child returns home from a current removal of this case, not before it. */
export function returnHomeRefusal(removal: { removedAt: Date } | undefined, returnedOn: string): Refusal | undefined {
  if (!removal) return refusal('This child is not removed in this case');
  if (returnedOn < dateOf(removal.removedAt)) return refusal('A child cannot return home before the removal');
  return undefined;
}
