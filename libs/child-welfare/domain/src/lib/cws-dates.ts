import { DateTime } from 'luxon';

/** Child welfare's dates are California dates. */
export const CWS_ZONE = 'America/Los_Angeles';

/** The California date (YYYY-MM-DD) of an instant. */
export const dateOf = (instant: Date | string): string =>
  DateTime.fromJSDate(typeof instant === 'string' ? new Date(instant) : instant, { zone: CWS_ZONE }).toISODate() ?? '';

/** The instant a California date starts (a clock that counts from a date starts at its midnight). */
export const startOfDay = (date: string): string => DateTime.fromISO(date, { zone: CWS_ZONE }).startOf('day').toISO() ?? date;
