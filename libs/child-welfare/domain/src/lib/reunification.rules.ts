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

/** Removed together: on the same California date. */
const removedTogether = (a: RemovedChild, b: RemovedChild): boolean => dateOf(a.removedAt) === dateOf(b.removedAt);

/**
 * Months of reunification services for one removed child (WIC 361.5(a)(1)(B),(C); RULES.md 2): six for a child
 * under 3 at removal. A sibling of 3 or more gets six only as a member of a sibling group removed together with a
 * child under 3 and placed together with that child (W.P. v. Superior Court (2018): the limit to six months "may"
 * apply to all siblings only when they are placed together). Otherwise twelve.
 */
export function childServicesMonths(child: RemovedChild, removals: readonly RemovedChild[]): 6 | 12 {
  if (underThreeAtRemoval(child.dateOfBirth, child.removedAt)) return 6;
  const youngSiblingPlacedTogether = removals.some(
    (other) =>
      other !== child &&
      child.siblingGroupPlacedTogether &&
      other.siblingGroupPlacedTogether &&
      removedTogether(child, other) &&
      underThreeAtRemoval(other.dateOfBirth, other.removedAt),
  );
  return youngSiblingPlacedTogether ? 6 : 12;
}

/** Each removed child's services months, in the order given. */
export const servicesMonthsByChild = (removals: readonly RemovedChild[]): (6 | 12)[] =>
  removals.map((r) => childServicesMonths(r, removals));

/**
 * The case's months of services: six when every removed child has six (see childServicesMonths), twelve as soon as
 * one child has twelve (the parents' services go on for that child).
 */
export function servicesMonths(removals: readonly RemovedChild[]): 6 | 12 {
  return servicesMonthsByChild(removals).every((m) => m === 6) && removals.length > 0 ? 6 : 12;
}

/** The 6-month review's two limits (WIC 366.21(e)), each with the fact it counts from. */
export interface SixMonthReviewLimit {
  purpose: string;
  ruleId: string;
  startAt: string;
  /** The fact the limit counts from, in words a supervisor reads. */
  anchor: string;
}

export const SIX_MONTH_REVIEW = 'six-month-review';
export const SIX_MONTH_REVIEW_LIMIT = 'six-month-review-limit';

/**
 * WIC 366.21(e): the review is due 6 months after the disposition hearing, but no later than 12 months after the
 * child entered foster care. Both limits are tracked as clocks (the hearing meets both; a continuance moves the
 * first): whichever is earlier is the one due, and each explanation names its anchor by its start date.
 */
export function sixMonthReviewLimits(dispositionOn: string, enteredFosterCareOn: string): [SixMonthReviewLimit, SixMonthReviewLimit] {
  return [
    {
      purpose: SIX_MONTH_REVIEW,
      ruleId: 'cws.court.six-month-review',
      startAt: startOfDay(dispositionOn),
      anchor: `6 months after the disposition hearing of ${dispositionOn}`,
    },
    {
      purpose: SIX_MONTH_REVIEW_LIMIT,
      ruleId: 'cws.court.six-month-review-outer-limit',
      startAt: startOfDay(enteredFosterCareOn),
      anchor: `12 months after entering foster care on ${enteredFosterCareOn}`,
    },
  ];
}

/** The limit that is due: the earliest due date (on a tie, the first given). */
export function earliestDue<T extends { dueDate: string }>(limits: readonly [T, ...T[]]): T {
  return limits.reduce((a, b) => (b.dueDate < a.dueDate ? b : a));
}

export interface ReunificationOrder {
  set: { type: CaseType; dispositionOutcome: 'family-reunification'; enteredFosterCareOn: string; servicesMonths: 6 | 12 };
  /** In order: the 6-month review (from disposition), its 12-months-after-foster-care limit, the 12-month permanency hearing, the 18-month review. */
  clocks: ClockOpening[];
  /** The 6-month review's two limits: the earlier one's date is the services-ordered event's `sixMonthReviewBy`. */
  sixMonthReview: [SixMonthReviewLimit, SixMonthReviewLimit];
}

/**
 * Family reunification ordered at disposition (`dispositionOn`), from the case's removals (every removal of the case,
 * oldest first). The 6-month review counts from the disposition hearing with its limit 12 months after entered
 * foster care (WIC 366.21(e)); the 12-month permanency hearing from entered foster care (WIC 366.21(f)); the
 * 18-month review from the first removal (WIC 366.22).
 */
export function reunificationOrder(
  jurisdictionOn: string | null,
  dispositionOn: string,
  removals: readonly RemovedChild[],
): ReunificationOrder | Refusal {
  const first = removals[0];
  if (!first) return refusal('Family reunification is ordered for a removed child');
  const efc = enteredFosterCareOn(dateOf(first.removedAt), jurisdictionOn);
  const anchor = startOfDay(efc);
  const sixMonthReview = sixMonthReviewLimits(dispositionOn, efc);
  return {
    set: {
      type: 'family-reunification',
      dispositionOutcome: 'family-reunification',
      enteredFosterCareOn: efc,
      servicesMonths: servicesMonths(removals),
    },
    clocks: [
      ...sixMonthReview.map(({ purpose, ruleId, startAt }) => ({ purpose, ruleId, startAt })),
      { purpose: 'twelve-month-permanency', ruleId: 'cws.court.twelve-month-permanency', startAt: anchor },
      { purpose: 'eighteen-month-review', ruleId: 'cws.court.eighteen-month-review', startAt: first.removedAt.toISOString() },
    ],
    sixMonthReview,
  };
}
