import { z } from 'zod';
import { defaultQueueViewStates, queueAgencies, queueViewStates, type QueueViewState } from '@linkages/notifications-domain';

const code = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be a lower-case code');

/** An opaque cursor: the keyset of the last item of the previous page (base64url JSON). */
export const queueCursorParam = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of a previous page');

const stateList = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const states = v.split(',').map((s) => s.trim());
    const bad = states.filter((s) => !(queueViewStates as readonly string[]).includes(s));
    if (bad.length > 0 || states.length === 0) {
      ctx.addIssue({ code: 'custom', message: `states are a comma list of ${queueViewStates.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(states)] as QueueViewState[];
  });

export const deadlineQueueQuery = z.strictObject({
  state: stateList
    .optional()
    .transform((v) => v ?? [...defaultQueueViewStates])
    .describe(`A comma list of ${queueViewStates.join(', ')} (default: ${defaultQueueViewStates.join(',')})`),
  unitId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a unit id')
    .optional()
    .describe('Only items of this unit (the assignee’s, else the unit serving the program)'),
  staffId: z.uuid().optional().describe('Only items assigned to this worker'),
  program: code.optional().describe('Only this program, e.g. cws-emergency-response, calworks-welfare-to-work'),
  ruleId: code.optional().describe('Only this rule, e.g. cws.er.response-10-day'),
  agency: z.enum(queueAgencies).optional().describe('Only this agency’s work'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page, 1–200 (default 50)'),
  cursor: queueCursorParam.optional().describe('The `nextCursor` of the previous page'),
});
export type DeadlineQueueQuery = z.output<typeof deadlineQueueQuery>;

const person = z.object({ staffId: z.uuid(), displayName: z.string() });

export const deadlineQueueItem = z.object({
  deadlineId: z.uuid(),
  familyId: z.uuid(),
  countyCode: z.string(),
  agency: z.enum(queueAgencies),
  ownerService: z.string(),
  program: z.string(),
  ruleId: z.string(),
  citation: z.string(),
  subjectRef: z.string().describe('What the deadline is about, pseudonymously (e.g. referral/<id>)'),
  dueAt: z.string().describe('The due instant (after any extension or move)'),
  explanation: z.string().nullable().describe('Why it is due on that date (the rule, the start fact, the closed days skipped)'),
  state: z.enum([...queueViewStates, 'cancelled']).describe('cancelled: only in GET /deadline-queue/{deadlineId}'),
  legallyUrgent: z.boolean().describe('An hour-based or legally urgent rule: sorted first within its band'),
  assignee: person.nullable().describe('The assigned worker (null: nobody assigned)'),
  unitId: z.string().nullable(),
  escalation: z
    .object({
      escalationId: z.uuid(),
      status: z.enum(['open', 'acknowledged', 'resolved']),
      level: z.number().int(),
      next: z.object({ level: z.number().int(), role: z.string(), at: z.string() }).nullable().describe('Who is notified next and when'),
      nextRecipients: z
        .array(person)
        .describe(
          'Who would be told at next.level, as the organisation resolves next.role at next.at today (coverage of absences included); [] when nothing is next or nobody holds the role',
        ),
    })
    .nullable()
    .describe('The latest escalation of the deadline (null: none started)'),
});
export type DeadlineQueueItem = z.output<typeof deadlineQueueItem>;

export const deadlineQueueResponse = z.object({
  items: z
    .array(deadlineQueueItem)
    .describe(
      'Most urgent first: escalated, overdue, due, due soon, acknowledged (met last); legally urgent first within a band, then due instant',
    ),
  nextCursor: queueCursorParam.nullable().describe('The `cursor` of the next page; null when this page is the last'),
});
export type DeadlineQueueResponse = z.output<typeof deadlineQueueResponse>;

export const deadlineQueueTimelineEntry = z.object({
  at: z.string(),
  kind: z
    .string()
    .describe(
      'A deadline event (warning, due, overdue, extended, moved-earlier, satisfied, cancelled), a re-assignment (reassigned: staffId, previousStaffId, by) or an escalation entry (started, level-raised, repeated, reopened, acknowledged, resolved)',
    ),
  level: z.number().int().optional(),
  detail: z.record(z.string(), z.unknown()).describe('Ids, codes and instants only (stage, remaining, from/to, escalationId…)'),
});

export const deadlineQueueItemResponse = z.object({
  item: deadlineQueueItem,
  timeline: z.array(deadlineQueueTimelineEntry).describe('The deadline’s events and its escalations’ entries, oldest first'),
});
export type DeadlineQueueItemResponse = z.output<typeof deadlineQueueItemResponse>;

export const reassignDeadlineBody = z.strictObject({
  staffId: z.uuid().describe('An active person of the item’s county and agency'),
  reason: z.string().trim().min(1).max(500).describe('Why (kept in the audit log and the assignment, never in an event)'),
});
export type ReassignDeadlineBody = z.output<typeof reassignDeadlineBody>;
