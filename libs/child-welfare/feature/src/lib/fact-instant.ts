import { DateTime } from 'luxon';
import { CWS_ZONE } from '@linkages/child-welfare-domain';

/**
 * The instant a fact known only by its California date (hearing held, case plan filed, CFT meeting held, visit made)
 * meets a clock: the END of that day, or now when the day has not ended yet. The end, not the start, because a
 * day-counted clock is due at the end of its last day (a hearing held on the last day is on time), and because a
 * clock opened earlier the same day must not be met before it started. The price: a reminder sent during that day,
 * after a morning hearing, is counted as "after the fact" in the clock's timeline, not as stale.
 */
export const endOfFactDay = (date: string, now: Date = new Date()): string => {
  const end = DateTime.fromISO(date, { zone: CWS_ZONE }).endOf('day');
  if (!end.isValid) throw new Error(`Not a date: ${date}`);
  return new Date(Math.min(end.toMillis(), now.getTime())).toISOString();
};
