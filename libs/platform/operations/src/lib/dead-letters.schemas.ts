import { z } from 'zod';
import { defineProblem } from '@linkages/platform-http';

export const deadLettersQuery = z.strictObject({
  topic: z
    .string()
    .max(200)
    .regex(/^[a-z0-9][a-z0-9.-]*\.v\d+$/, 'must be a topic name (<prefix>.<domain>.<family>.v<major>)')
    .optional()
    .describe('A catalog topic: only the dead letters of that topic (a topic this service does not consume lists none)'),
  status: z.enum(['pending', 'replayed', 'all']).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeadLettersQuery = z.output<typeof deadLettersQuery>;

/** `<dead-letter topic>/<partition>/<offset>` (URL-encoded in a path: `%2F`); a key outside the service's scope is not found. */
export const deadLetterKey = z
  .string()
  .max(300)
  .regex(/^[a-z0-9][a-z0-9.-]*\.dlq\/\d{1,6}\/\d{1,19}$/, 'must be <dead-letter topic>/<partition>/<offset>');

export const replayBody = z.strictObject({
  keys: z.array(deadLetterKey).min(1).max(100),
});
export type ReplayBody = z.output<typeof replayBody>;

export const deadLetterSummary = z.object({
  key: z.string().describe('`<dead-letter topic>/<partition>/<offset>`: the id of the letter in this API and in `npm run dlq`'),
  eventId: z.string().nullable().describe('The CloudEvent id (ce_id), null when the record had none'),
  topic: z.string().describe('The original (catalog) topic'),
  deadLetterTopic: z.string(),
  partition: z.number().int().describe('Partition of the original record'),
  offset: z.string().describe('Offset of the original record (int64 as a string)'),
  type: z.string().nullable().describe('The CloudEvent type (ce_type), null when the record had none'),
  reason: z.string().describe('invalid-envelope, schema-invalid or handler-failed'),
  failedAt: z.string().describe('ISO 8601 instant the consumer gave up'),
  attempts: z.number().int().nullable().describe('Handler attempts before the letter was written'),
  consumerGroup: z.string().nullable(),
  replayedAt: z.string().nullable().describe('ISO 8601 instant of the replay, null while pending'),
});
export type DeadLetterSummary = z.output<typeof deadLetterSummary>;

export const deadLetterList = z.object({ items: z.array(deadLetterSummary).describe('Newest failure first') });

export const deadLetterDetail = deadLetterSummary.extend({
  headers: z
    .record(z.string(), z.string())
    .describe('The CloudEvents (ce_*, content-type), dead-letter (x-dlq-*) and replay (x-replay-*) headers'),
  errors: z.array(z.string()).describe('Why the consumer refused the record: validation issues or the handler’s error messages'),
  recordKey: z.string().nullable().describe('The Kafka record key (the pseudonymous family id)'),
  payloadBytes: z.number().int().describe('Size of the stored body in bytes'),
  payloadWithheld: z.string().describe('Why the body is not returned'),
});
export type DeadLetterDetail = z.output<typeof deadLetterDetail>;

export const replayResults = z.object({
  results: z.array(
    z
      .object({ key: z.string(), outcome: z.enum(['replayed', 'already-replayed', 'not-found']) })
      .describe('One per distinct key, in request order'),
  ),
});

export const alreadyReplayed = defineProblem({
  slug: 'already-replayed',
  status: 409,
  title: 'Already replayed',
  description: 'This dead letter was replayed before (by this API or `npm run dlq -- replay`); it is not published again.',
  extensions: { replayedAt: z.string().describe('ISO 8601 instant of the earlier replay') },
});

export const deadLetterNotFound = 'No dead letter with this key among this service’s dead letters';
