import { z } from 'zod';

/** A sequence of the inbox (a bigint identity) as a decimal string: what `after`, the SSE `id` and `Last-Event-ID` carry. */
export const inboxSequence = z
  .string()
  .regex(/^(0|[1-9]\d{0,18})$/, 'must be a sequence of this inbox (a decimal integer)')
  .refine((s) => s.length < 19 || s <= '9223372036854775807', 'is out of range');

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inboxListQuery = z.strictObject({
  unread: flag.optional().describe('true: only items not read yet'),
  archived: flag.default(false).describe('true: only archived items (the archive); default: only unarchived ones'),
  after: inboxSequence.optional().describe('Only items after this sequence (the `nextAfter` of the previous page, or an SSE id)'),
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Items per page, 1–100 (default 50)'),
});
export type InboxListQuery = z.output<typeof inboxListQuery>;

export const inboxStreamQuery = z.strictObject({
  lastEventId: inboxSequence
    .optional()
    .describe('Resume after this sequence, for clients that cannot send the Last-Event-ID header (the header wins)'),
});
export type InboxStreamQuery = z.output<typeof inboxStreamQuery>;

export const inboxItemResponse = z.object({
  sequence: inboxSequence.describe('The order of the inbox; the `id` of its server-sent event'),
  notificationId: z.uuid(),
  kind: z.string().describe('What the notification is about (reminder, escalation level, …)'),
  title: z.string(),
  body: z.string(),
  escalationId: z.string(),
  deadlineId: z.string(),
  level: z.number().int().describe('The escalation level (0: the assignee)'),
  readAt: z.string().nullable().describe('When it was first read; null while unread'),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type InboxItemResponse = z.output<typeof inboxItemResponse>;

export const inboxListResponse = z.object({
  items: z.array(inboxItemResponse).describe('Oldest first (by sequence)'),
  nextAfter: inboxSequence.nullable().describe('The `after` of the next page; null when this page is the last'),
});
export type InboxListResponse = z.output<typeof inboxListResponse>;
