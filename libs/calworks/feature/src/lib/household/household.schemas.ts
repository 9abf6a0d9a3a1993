import { z } from 'zod';

export const householdText = (max: number) => z.string().trim().min(1).max(max);

/**
 * Facts are recorded when they have happened. An instant may be ahead of the server's clock by at most a few minutes
 * (the sending system's clock skew); a date may be today in California, where the counties are, and no later.
 */
export const HOUSEHOLD_CLOCK_SKEW_MS = 5 * 60_000;
const latestInstant = () => new Date(Date.now() + HOUSEHOLD_CLOCK_SKEW_MS);
/** Today's date in California (YYYY-MM-DD), allowing the clock skew. */
export const todayInCalifornia = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    latestInstant(),
  );
/** A date a fact happened on: today in California at the latest. */
export const factDate = z.iso
  .date({ error: 'must be a date (YYYY-MM-DD)' })
  .refine((d) => d <= todayInCalifornia(), 'cannot be in the future (a date may be today, in California)');
/** A date a planned thing starts or ends on (a plan activity, an exemption's end): may be in the future. */
export const plannedDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
/** A CalWORKs case number as counties write it. */
export const calworksCaseNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');
/** An amount of money in cents (no fractions of a cent). */
export const cents = z.number().int('must be whole cents').min(0).max(100_000_000);
