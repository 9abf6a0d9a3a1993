import { DateTime } from 'luxon';
import type { CaseType } from './child-welfare.types';
import { CWS_ZONE, dateOf, startOfDay } from './cws-dates';
import { refusal, type ClockOpening, type Refusal } from './refusal';

/**
 * Entered foster care: the earlier of the jurisdiction hearing and 60 days after the (first) removal (WIC 361.49).
 * `removedOn` and `jurisdictionOn` are California dates.
 */
export function enteredFosterCareOn(removedOn: string, jurisdictionOn: string | null): string {
  const sixtyDays = DateTime.fromISO(removedOn, { zone: CWS_ZONE }).plus({ days: 60 }).toISODate() ?? removedOn;
  return jurisdictionOn && jurisdictionOn < sixtyDays ? jurisdictionOn : sixtyDays;
}

/** Under 3 at removal: the third birthday (midnight in California) is still to come at the removal instant. */
export function underThreeAtRemoval(dateOfBirth: string, removedAt: Date): boolean {
  return DateTime.fromISO(dateOfBirth, { zone: CWS_ZONE }).plus({ years: 3 }) > DateTime.fromJSDate(removedAt, { zone: CWS_ZONE });
}

export interface RemovedChild {
  removedAt: Date;
  dateOfBirth: string;
  siblingGroupPlacedTogether: boolean;
}

/**
 * Months of reunification services (WIC 361.5(a)(1)(B),(C)): six for a child under 3 at removal, or a sibling group
 * placed together; twelve otherwise. As today, any sibling group placed together gets six months whatever the
 * siblings' ages: a known gap, kept so that this re-cut changes no behaviour.
 */
export function servicesMonths(removals: readonly RemovedChild[]): 6 | 12 {
  const underThree = removals.some((r) => underThreeAtRemoval(r.dateOfBirth, r.removedAt));
  return underThree || removals.some((r) => r.siblingGroupPlacedTogether) ? 6 : 12;
}

export interface ReunificationOrder {
  set: { type: CaseType; dispositionOutcome: 'family-reunification'; enteredFosterCareOn: string; servicesMonths: 6 | 12 };
  /** In order: the 6-month review, the 12-month permanency hearing, the 18-month review. */
  clocks: ClockOpening[];
  /** The rule and start that give the 6-month review's date in the services-ordered event. */
  sixMonthReview: { ruleId: string; startAt: string };
}

/**
 * Family reunification ordered at disposition, from the case's removals (every removal of the case, oldest first).
 * The 6-month and 12-month clocks count from entered foster care, the 18-month one from the first removal. (The
 * 6-month review's anchor is a known issue, kept so that this re-cut changes no behaviour.)
 */
export function reunificationOrder(jurisdictionOn: string | null, removals: readonly RemovedChild[]): ReunificationOrder | Refusal {
  const first = removals[0];
  if (!first) return refusal('Family reunification is ordered for a removed child');
  const efc = enteredFosterCareOn(dateOf(first.removedAt), jurisdictionOn);
  const anchor = startOfDay(efc);
  return {
    set: {
      type: 'family-reunification',
      dispositionOutcome: 'family-reunification',
      enteredFosterCareOn: efc,
      servicesMonths: servicesMonths(removals),
    },
    clocks: [
      { purpose: 'six-month-review', ruleId: 'cws.court.six-month-review', startAt: anchor },
      { purpose: 'twelve-month-permanency', ruleId: 'cws.court.twelve-month-permanency', startAt: anchor },
      { purpose: 'eighteen-month-review', ruleId: 'cws.court.eighteen-month-review', startAt: first.removedAt.toISOString() },
    ],
    sixMonthReview: { ruleId: 'cws.court.six-month-review', startAt: anchor },
  };
}
