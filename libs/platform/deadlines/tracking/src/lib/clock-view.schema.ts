import { z } from 'zod';

/**
 * One clock (a durable deadline) as `TrackedDeadlines.views` shows it, for the OpenAPI documents of every service
 * that returns its clocks: status, due date and the explanation a supervisor reads (rule, citation, counting, the
 * anchor fact, days skipped, orders).
 */
export const clockViewResponse = z.object({
  deadlineId: z.uuid(),
  purpose: z.string().describe('What the clock is for within its subject, e.g. `er-response`, `compliance-period`'),
  ruleId: z.string().describe('The policy rule that computes its due date (docs/rules.md)'),
  tracked: z.enum(['open', 'satisfied', 'cancelled']).describe('The clock as the service’s record holds it'),
  status: z
    .string()
    .optional()
    .describe('Live from the deadline workflow: pending, paused, overdue, satisfied or cancelled (absent while its start is queued)'),
  dueAt: z.string().nullable().optional().describe('The due instant'),
  dueDate: z.string().nullable().optional().describe('The due day in the county'),
  citation: z.string().optional(),
  explanation: z.string().optional().describe('Why it is due then: rule, citation, counting, the anchor fact, days skipped, orders'),
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
