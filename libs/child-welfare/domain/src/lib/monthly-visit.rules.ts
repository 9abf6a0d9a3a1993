import { DateTime } from 'luxon';
import type { CaseState } from './child-welfare.types';
import { CWS_ZONE } from './cws-dates';
import { refusal, type Refusal } from './refusal';

export const MONTHLY_VISIT_RULE = 'cws.case.monthly-caseworker-visit';

/** One clock per child per calendar month: `visit-<childId>-<YYYY-MM>`. */
export const visitPurpose = (childId: string, dateOrInstant: string): string =>
  `visit-${childId}-${DateTime.fromISO(dateOrInstant, { zone: CWS_ZONE }).toFormat('yyyy-MM')}`;

/** The first and last date of the California month `dateOrInstant` falls in. */
export function monthOf(dateOrInstant: string): { first: string | null; last: string | null } {
  const month = DateTime.fromISO(dateOrInstant, { zone: CWS_ZONE });
  return { first: month.startOf('month').toISODate(), last: month.endOf('month').toISODate() };
}

/** A visit is made: the next month's clock starts on its 1st. */
export const monthAfterVisit = (visitedOn: string): string =>
  DateTime.fromISO(visitedOn, { zone: CWS_ZONE }).plus({ months: 1 }).startOf('month').toISO() ?? visitedOn;

/** A month went by (`YYYY-MM`): the next month starts. */
export const monthAfter = (month: string): string => DateTime.fromISO(`${month}-01`, { zone: CWS_ZONE }).plus({ months: 1 }).toISO() ?? '';

const visitRef = /^case\/([0-9a-f-]{36})\/visit-([0-9a-f-]{36})-(\d{4}-\d{2})$/;

/** The case, child and month of a monthly-visit clock, from the deadline's subject reference `case/<id>/<purpose>`. */
export function visitClockOf(subjectRef: string): { caseId: string; childId: string; month: string } | undefined {
  const [, caseId, childId, month] = visitRef.exec(subjectRef) ?? [];
  return caseId && childId && month ? { caseId, childId, month } : undefined;
}

export function visitRefusal(kase: Pick<CaseState, 'openedOn'>, visitedOn: string): Refusal | undefined {
  return visitedOn < kase.openedOn ? refusal('A visit cannot precede the case') : undefined;
}
