import { z } from 'zod';

export const text = (max: number) => z.string().trim().min(1).max(max);
// Facts are recorded when they have happened: a date or instant more than a day ahead is a typing error.
const tomorrow = () => new Date(Date.now() + 24 * 3600_000);
export const date = z.iso
  .date({ error: 'must be a date (YYYY-MM-DD)' })
  .refine((d) => d <= tomorrow().toISOString().slice(0, 10), 'cannot be in the future');
export const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 instant with offset' })
  .refine((t) => new Date(t) <= tomorrow(), 'cannot be in the future');
/** A date the court set for later (a continuance): may be in the future. */
export const futureDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
export const caseNumber = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or dashes');
