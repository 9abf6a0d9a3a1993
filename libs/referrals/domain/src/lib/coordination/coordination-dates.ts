import { DateTime } from 'luxon';
import { COUNTY_ZONE } from '../referral';

/** The start of a calendar date in the county (a date-only fact's instant, where its clock counts from). */
export const startOfCountyDay = (date: string): string =>
  DateTime.fromISO(date.slice(0, 10), { zone: COUNTY_ZONE }).startOf('day').toISO() ?? `${date.slice(0, 10)}T00:00:00`;

/** The county date of an instant. */
export const countyDateOf = (iso: string): string => DateTime.fromISO(iso, { zone: COUNTY_ZONE }).toISODate() ?? iso.slice(0, 10);

/** The end of a county day (a fact dated that day met its clock by then at the latest). */
export const endOfCountyDay = (date: string): string =>
  DateTime.fromISO(date.slice(0, 10), { zone: COUNTY_ZONE }).endOf('day').toISO() ?? `${date.slice(0, 10)}T23:59:59.999`;
