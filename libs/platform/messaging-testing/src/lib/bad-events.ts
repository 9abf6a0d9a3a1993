import { dataschemaOf, toKafkaRecord, type CloudEvent, type EventDefinition } from '@linkages/shared-contracts';
import type { DeadLetterReason } from '@linkages/platform-messaging';

/** A record as a producer hands it to Kafka: any key, body and headers (a header may repeat, may be bytes). */
export interface RawRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string | Buffer | (string | Buffer)[]>;
}

/** One bad message of a topic and what the inbox consumer must say of it on the dead-letter topic. */
export interface BadMessage {
  /** Kebab-case; also sent as the `x-fuzz-case` header, which the dead letter keeps. */
  name: string;
  record: RawRecord;
  reason: DeadLetterReason;
  /** Matches one of the dead letter's errors (x-dlq-errors): the problem is named, not only classified. */
  error: RegExp;
}

export const FUZZ_CASE_HEADER = 'x-fuzz-case';

export interface BadMessageOptions {
  /** The event definition the bad messages pretend to be (its type is handled on the topic). */
  def: EventDefinition;
  /** A valid event of `def` not applied yet: the template most cases break one thing of. */
  valid: CloudEvent;
  /** A valid event of `def` already applied (same group): the id-conflict cases reuse its id. Its body differs from `valid`'s. */
  applied: CloudEvent;
  /** A valid event of another topic (any catalog type published elsewhere): sent on this topic, it is misrouted. */
  foreign: CloudEvent;
  /** A valid event of another type handled on the same topic, if there is one: the same id as `applied`, another type. */
  sibling?: CloudEvent;
  /** The consumer's limit (body and headers); the huge cases are above it. */
  maxMessageBytes: number;
}

type Headers = Record<string, string | Buffer | (string | Buffer)[]>;

const headerOf = (attribute: string) => (attribute === 'datacontenttype' ? 'content-type' : `ce_${attribute}`);

/** Required CloudEvents attributes of the platform's binary mode, each missing or wrong, with a value that breaks it. */
const attributeBreaks: { attribute: string; wrong: string }[] = [
  { attribute: 'specversion', wrong: '0.3' },
  { attribute: 'id', wrong: 'not-a-uuid' },
  { attribute: 'source', wrong: 'https://elsewhere.example/linkages' },
  { attribute: 'type', wrong: 'child removed' },
  { attribute: 'time', wrong: 'yesterday' },
  { attribute: 'datacontenttype', wrong: 'text/plain' },
  { attribute: 'correlationid', wrong: 'c'.repeat(201) },
  { attribute: 'countycode', wrong: 'XX' },
  { attribute: 'familyid', wrong: 'the-smith-family' },
];

/** A value of another JSON type than `value`'s (the schema expects `value`'s type). */
function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'twelve';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return { unexpected: true };
  return 'an object';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The bad messages of one consumed topic, derived from valid events of it (pure: no broker, no database). Each breaks
 * one thing: the body (not JSON, JSON but no CloudEvent, a structured-mode event), each required attribute (missing,
 * wrong), the headers (repeated with different values, not UTF-8, upper-case names), the type (of another topic, of
 * another major), the dataschema (another type's, another major, not a URL), the data (empty, of the wrong types, not
 * an object), the size (a huge body, a huge header) and the id (an applied id with another body, or another type).
 * What is not bad is not here: an older minor version after a newer one is compatible (minors only add fields) and is
 * applied; a type this consumer does not handle, of the topic's major, is skipped by design.
 */
export function badMessages(o: BadMessageOptions): BadMessage[] {
  const { def, valid, applied, foreign } = o;
  if (valid.type !== def.type || applied.type !== def.type) throw new Error(`valid and applied must be ${def.type} events`);
  if (foreign.type === def.type) throw new Error('foreign must be of another type');
  if (JSON.stringify(valid.data) === JSON.stringify(applied.data)) throw new Error('valid and applied need different bodies');
  const base = toKafkaRecord(valid);
  const out: BadMessage[] = [];
  const add = (
    name: string,
    reason: DeadLetterReason,
    error: RegExp,
    patch: { key?: string | null; value?: Buffer | null; headers?: Headers },
  ) =>
    out.push({
      name,
      reason,
      error,
      record: {
        key: patch.key === undefined ? base.key : patch.key,
        value: patch.value === undefined ? base.value : patch.value,
        headers: { ...(patch.headers ?? base.headers), [FUZZ_CASE_HEADER]: name },
      },
    });
  const withHeaders = (change: (h: Headers) => void): Headers => {
    const h: Headers = { ...base.headers };
    change(h);
    return h;
  };
  const json = (data: unknown) => Buffer.from(JSON.stringify(data));

  // The body.
  add('body-not-json', 'invalid-envelope', /not JSON/, { value: Buffer.from('{"familyId": "unterminated') });
  add('json-not-a-cloudevent', 'invalid-envelope', /specversion/, { headers: {}, value: json({ hello: 'world', data: valid.data }) });
  add('structured-mode-cloudevent', 'invalid-envelope', /specversion/, {
    headers: { 'content-type': 'application/cloudevents+json' },
    value: json(valid),
  });

  // Each required attribute, missing then wrong.
  for (const { attribute, wrong } of attributeBreaks) {
    const header = headerOf(attribute);
    const named = new RegExp(`^${attribute}:`);
    add(`missing-${attribute}`, 'invalid-envelope', named, { headers: withHeaders((h) => delete h[header]) });
    add(`wrong-${attribute}`, 'invalid-envelope', named, { headers: withHeaders((h) => (h[header] = wrong)) });
  }

  // Header garbage.
  add('header-id-repeated', 'invalid-envelope', /^ce_id: header repeated/, {
    headers: withHeaders((h) => (h['ce_id'] = [valid.id, applied.id])),
  });
  add('header-type-not-utf8', 'invalid-envelope', /^type:/, {
    headers: withHeaders((h) => (h['ce_type'] = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]))),
  });
  add('header-names-upper-case', 'invalid-envelope', /^specversion:/, {
    headers: Object.fromEntries(Object.entries(base.headers).map(([k, v]) => [k.toUpperCase(), v])),
  });

  // The type: one published on another topic, or this type in another major.
  const foreignRecord = toKafkaRecord(foreign);
  add('type-of-another-topic', 'wrong-topic', new RegExp(`${escape(foreign.type)} is published on`), {
    key: foreignRecord.key,
    value: foreignRecord.value,
    headers: foreignRecord.headers,
  });
  const major = Number(def.version.split('.')[0]);
  const typeIn = (m: number) => def.type.replace(/\.v\d+$/, `.v${m}`);
  // A major the catalog has is published on that major's topic; one it has not is refused by the topic's major.
  const otherMajor = (m: number) => new RegExp(`major version ${m} of|${escape(typeIn(m))} is published on`);
  add('type-newer-major', 'wrong-topic', otherMajor(major + 1), {
    headers: withHeaders((h) => {
      h['ce_type'] = typeIn(major + 1);
      h['ce_dataschema'] = dataschemaOf({ type: typeIn(major + 1), version: `${major + 1}.0` });
    }),
  });
  add('type-older-major', 'wrong-topic', otherMajor(major - 1), {
    headers: withHeaders((h) => {
      h['ce_type'] = typeIn(major - 1);
      h['ce_dataschema'] = dataschemaOf({ type: typeIn(major - 1), version: `${major - 1}.0` });
    }),
  });

  // The dataschema.
  add('dataschema-of-another-type', 'dataschema-mismatch', /is not a schema of/, {
    headers: withHeaders((h) => (h['ce_dataschema'] = dataschemaOf({ type: foreign.type, version: def.version }))),
  });
  add('dataschema-another-major', 'dataschema-mismatch', new RegExp(`version ${major + 1}\\.0 is not of major ${major}`), {
    headers: withHeaders((h) => (h['ce_dataschema'] = dataschemaOf({ type: def.type, version: `${major + 1}.0` }))),
  });
  add('dataschema-not-a-url', 'dataschema-mismatch', /is not a schema of/, {
    headers: withHeaders((h) => (h['ce_dataschema'] = 'the usual one')),
  });

  // The data.
  const data = valid.data as Record<string, unknown>;
  const fields = Object.keys(data);
  add('data-null', 'schema-invalid', /^\(payload\):/, { value: Buffer.from('null') });
  add('data-not-an-object', 'schema-invalid', /^\(payload\):/, { value: json([data]) });
  if (!def.payload.safeParse({}).success) add('data-empty-object', 'schema-invalid', /: /, { value: json({}) });
  const allWrong = Object.fromEntries(fields.map((f) => [f, wrongTypeOf(data[f])]));
  if (!def.payload.safeParse(allWrong).success) add('data-every-field-wrong-type', 'schema-invalid', /: /, { value: json(allWrong) });
  const first = fields.find((f) => !def.payload.safeParse({ ...data, [f]: wrongTypeOf(data[f]) }).success);
  if (first)
    add(`data-${first}-wrong-type`, 'schema-invalid', new RegExp(`^${escape(first)}(\\.|:)`), {
      value: json({ ...data, [first]: wrongTypeOf(data[first]) }),
    });

  // The size: above the limit, in the body or in one header.
  add('huge-payload', 'too-large', /above the limit/, { value: json({ ...data, padding: 'x'.repeat(o.maxMessageBytes) }) });
  add('huge-header', 'too-large', /above the limit/, {
    headers: withHeaders((h) => (h['x-trace-baggage'] = 'y'.repeat(o.maxMessageBytes))),
  });

  // The id: one the consumer applied, with another body, or another type.
  const reused = toKafkaRecord({ ...valid, id: applied.id });
  add('applied-id-another-body', 'id-conflict', new RegExp(`${escape(applied.id)} was applied with another body`), {
    key: reused.key,
    value: reused.value,
    headers: reused.headers,
  });
  if (o.sibling) {
    const sibling = toKafkaRecord({ ...o.sibling, id: applied.id });
    add('applied-id-another-type', 'id-conflict', new RegExp(`${escape(applied.id)} was applied as ${escape(applied.type)}`), {
      key: sibling.key,
      value: sibling.value,
      headers: sibling.headers,
    });
  }
  return out;
}
