import { z } from 'zod';
import { countyCode, instant } from './common';
import type { EventDefinition } from './event-definition';

/** CloudEvents 1.0 attributes plus the platform's extensions (lower-case alphanumerics, per the spec). */
export const cloudEventAttributes = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().regex(/^\/linkages\/[a-z-]+$/, 'must be /linkages/<service>'),
  type: z.string().regex(/^gov\.ca\.linkages\.[a-z]+\.[a-z0-9-]+\.v\d+$/, 'must be gov.ca.linkages.<domain>.<event>.v<major>'),
  time: instant,
  subject: z.string().min(1).max(200).optional(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1).optional(),
  correlationid: z.string().min(1).max(200),
  causationid: z.string().min(1).max(200).optional(),
  countycode: countyCode,
  familyid: z.uuid(),
});

export type CloudEventAttributes = z.output<typeof cloudEventAttributes>;

// Built once: zod compiles a schema on first use, so building it per call would recompile it every time.
const cloudEventSchema = cloudEventAttributes.extend({ data: z.any() });
export interface CloudEvent<T = unknown> extends CloudEventAttributes {
  data: T;
}

export interface EventContext {
  /** The producing service, e.g. 'calworks'. */
  service: string;
  countyCode: string;
  correlationId: string;
  causationId?: string;
  /** Defaults to a new UUID. Pass a stable id to make a retried write produce the same event. */
  id?: string;
  /** Defaults to now. */
  time?: Date;
}

export const dataschemaOf = (def: Pick<EventDefinition, 'type' | 'version'>) =>
  `https://linkages.example.org/schemas/events/${def.type}/${def.version}`;

/** Builds a validated event: the payload must satisfy its schema, or nothing is produced. */
export function createEvent<S extends z.ZodObject>(
  def: EventDefinition<S>,
  payload: z.input<S>,
  ctx: EventContext,
): CloudEvent<z.output<S>> {
  const data = def.payload.parse(payload);
  const familyid = def.key(data);
  return cloudEventSchema.parse({
    specversion: '1.0',
    // globalThis.crypto, not node:crypto: this library is also imported (for types) by workflow code.
    id: ctx.id ?? globalThis.crypto.randomUUID(),
    source: `/linkages/${ctx.service}`,
    type: def.type,
    time: (ctx.time ?? new Date()).toISOString(),
    subject: def.subject(data),
    datacontenttype: 'application/json',
    dataschema: dataschemaOf(def),
    correlationid: ctx.correlationId,
    ...(ctx.causationId ? { causationid: ctx.causationId } : {}),
    countycode: ctx.countyCode,
    familyid,
    data,
  }) as CloudEvent<z.output<S>>;
}

export interface KafkaRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

const headerOf = (attribute: string) => (attribute === 'datacontenttype' ? 'content-type' : `ce_${attribute}`);

/** Kafka binary content mode: attributes in `ce_*` headers, the data as the JSON body, the family id as the key. */
export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(event)) {
    if (attribute === 'data' || value === undefined) continue;
    headers[headerOf(attribute)] = String(value);
  }
  return { key: event.familyid, value: Buffer.from(JSON.stringify(event.data)), headers };
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    readonly issues: readonly string[],
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Reads a binary-mode record back into an event. The data is parsed JSON, not yet validated against its schema. */
export function fromKafkaRecord(record: { value: Buffer | null; headers?: Record<string, HeaderValue> }): CloudEvent {
  const attrs: Record<string, string> = {};
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    const key = name === 'content-type' ? 'datacontenttype' : name.startsWith('ce_') ? name.slice(3) : undefined;
    if (key) attrs[key] = value.toString();
  }
  const parsed = cloudEventAttributes.safeParse(attrs);
  if (!parsed.success)
    throw new EnvelopeError(
      'Not a valid CloudEvents 1.0 binary-mode record',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  let data: unknown;
  try {
    data = JSON.parse(record.value?.toString() ?? 'null');
  } catch {
    throw new EnvelopeError('The record body is not JSON', ['data: not JSON']);
  }
  return { ...parsed.data, data };
}
