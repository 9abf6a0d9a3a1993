import { z } from 'zod';
import { clockViewResponse } from '@linkages/platform-deadline-tracking';

export const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * Facts are recorded when they have happened. An instant may be ahead of the server's clock by at most a few minutes
 * (the sending system's clock skew); a date may be today in California, where the counties are, and no later.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;
const latestInstant = () => new Date(Date.now() + CLOCK_SKEW_MS);
const todayInCalifornia = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    latestInstant(),
  );
export const date = z.iso
  .date({ error: 'must be a date (YYYY-MM-DD)' })
  .refine((d) => d <= todayInCalifornia(), 'cannot be in the future (a date may be today, in California)');
export const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 instant with offset' })
  .refine((t) => new Date(t) <= latestInstant(), 'cannot be in the future (at most 5 minutes of clock skew)');
/** A date the court set for later (a continuance): may be in the future. */
export const futureDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
export const caseNumber = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');

// Responses: what the views return, as JSON (instants as ISO 8601 strings, dates as YYYY-MM-DD).

/** One clock (a durable deadline) as TrackedDeadlines.views shows it. */
export const clockResponse = clockViewResponse;
export const clockListResponse = z.array(clockResponse).describe('One entry per clock');
