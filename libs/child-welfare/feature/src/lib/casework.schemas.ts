import { z } from 'zod';

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
const uuid = z.uuid();

/** One clock (a durable deadline) as TrackedDeadlines.views shows it. */
export const clockResponse = z.object({
  deadlineId: uuid,
  purpose: z.string().describe('What the clock is for, e.g. `er-response`, `petition-48h`, `visit-<child>-<month>`'),
  ruleId: z.string().describe('The policy rule that computes its due date (RULES.md)'),
  tracked: z.enum(['open', 'satisfied', 'cancelled']).describe('The clock as the case record holds it'),
  status: z
    .string()
    .optional()
    .describe('Live from the deadline workflow: pending, paused, overdue, satisfied or cancelled (absent while its start is queued)'),
  dueAt: z.string().nullable().optional().describe('The due instant'),
  dueDate: z.string().nullable().optional().describe('The due day in the county'),
  citation: z.string().optional(),
  explanation: z.string().optional().describe('Why it is due then: rule, citation, counting, days skipped, extensions and orders'),
  startsFrom: z
    .object({ fact: z.string().optional().describe('The fact the count starts from (the rule anchor)'), at: z.string() })
    .optional()
    .describe('When the count starts, and from which fact'),
  moved: z
    .object({
      direction: z.enum(['earlier', 'later', 'same']).describe('Which way the order moved the date: earlier is not an extension'),
      computedDate: z.string().nullable().describe('The computed date the order replaced'),
      reason: z.string().describe('The reason, in words'),
    })
    .optional()
    .describe('A date set by an order (a continuance, a hearing that came first) instead of the computed one'),
  satisfied: z
    .object({
      at: z.string().describe('When the fact that met it happened (timeliness is judged by it)'),
      by: z.string(),
      late: z.boolean(),
      recordedAt: z.string().optional().describe('When it was recorded, if later than the fact'),
    })
    .optional(),
});
export const clockListResponse = z.array(clockResponse).describe('One entry per clock');
