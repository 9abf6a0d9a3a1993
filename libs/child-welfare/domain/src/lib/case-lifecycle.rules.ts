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

/** Where the good-cause refusals point: RULES.md section 4, row "Services beyond 6 months" (ACL 25-05). */
const SERVICES_BEYOND_6_MONTHS = 'RULES.md 4 "Services beyond 6 months"';

/**
 * Good cause for FR services (WTW / supportive, AB 429) to continue past six months is CWS's to grant (RULES.md 4,
 * "Services beyond 6 months", "AB 429 services-only FR"): it continues *reunification* services, so the case must
 * be open, a child of it still removed, and its reunification services not terminated; the grant runs from
 * `grantedOn` to a later `continuesThrough`, on or after the case opened. (A `grantedOn` in the future is refused
 * at the edge, as every fact date is.)
 */
export function frServicesGoodCauseRefusal(
  kase: Pick<CaseState, 'status' | 'openedOn'> & { servicesTerminatedOn: string | null },
  childrenRemoved: number,
  grant: { grantedOn: string; continuesThrough: string },
): Refusal | undefined {
  if (kase.status === 'closed') return refusal(`The case is closed: no FR services to continue (${SERVICES_BEYOND_6_MONTHS})`);
  if (childrenRemoved === 0)
    return refusal(`No child of the case is removed: good cause continues reunification services only (${SERVICES_BEYOND_6_MONTHS})`);
  if (kase.servicesTerminatedOn !== null)
    return refusal(
      `Reunification services were terminated on ${kase.servicesTerminatedOn}: there are no FR services to continue (${SERVICES_BEYOND_6_MONTHS})`,
    );
  if (grant.grantedOn < kase.openedOn) return refusal(`Good cause cannot be granted before the case opened (${SERVICES_BEYOND_6_MONTHS})`);
  if (grant.continuesThrough <= grant.grantedOn)
    return refusal(`The services must continue through a date after the grant (${SERVICES_BEYOND_6_MONTHS})`);
  return undefined;
}
