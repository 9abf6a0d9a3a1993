import {
  DEFAULT_MAX_MESSAGE_BYTES,
  dlqErrorsHeader,
  on,
  recordBytes,
  repeatedHeaders,
  screenRecord,
  type HandlerRegistration,
} from '@linkages/platform-messaging';
import {
  caseClosedEvent,
  childRemovedEvent,
  createEvent,
  deadlineDueEvent,
  toKafkaRecord,
  type CloudEvent,
  type EventDefinition,
} from '@linkages/shared-contracts';
import { FUZZ_CASE_HEADER, badMessages, type BadMessage } from './bad-events';

const ctx = { service: 'child-welfare', countyCode: '06085', correlationId: 'spec-bad-events' };
const removal = (removalId: string) => createEvent(childRemovedEvent, { ...childRemovedEvent.example, removalId }, ctx) as CloudEvent;
const valid = removal('9b1d6c52-2f0a-4c8e-9d3b-7a5e1f2c4d60');
const applied = removal('3c7e1a94-5b2d-4f6e-8a1c-9d0b2e4f6a71');
const foreign = createEvent(deadlineDueEvent, deadlineDueEvent.example, { ...ctx, service: 'referrals' }) as CloudEvent;
const sibling = createEvent(caseClosedEvent, caseClosedEvent.example, ctx) as CloudEvent;
const noop = async () => undefined;
const handlers = new Map<string, HandlerRegistration>(
  [on(childRemovedEvent, noop), on(caseClosedEvent, noop), on(deadlineDueEvent, noop)].map((h): [string, HandlerRegistration] => [
    h.event.type,
    h,
  ]),
);
const rules = { handlers, topicOf: (def: EventDefinition) => def.topic.name, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES };
const topic = childRemovedEvent.topic.name;
const bad = badMessages({ def: childRemovedEvent, valid, applied, foreign, sibling, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES });
const byName = (name: string) => bad.find((b) => b.name === name)!;
const bytes = (v: string | Buffer) => (typeof v === 'string' ? Buffer.from(v) : v);
/** Kafka hands a consumer every header value as bytes. */
const asConsumed = (b: BadMessage) => ({
  key: b.record.key === null ? null : Buffer.from(b.record.key),
  value: b.record.value,
  headers: Object.fromEntries(Object.entries(b.record.headers).map(([k, v]) => [k, Array.isArray(v) ? v.map(bytes) : bytes(v)])),
});

describe('badMessages: the bad events of one consumed topic, from valid ones', () => {
  it('names every case once and marks its record with the case', () => {
    const names = bad.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const b of bad) expect(b.record.headers[FUZZ_CASE_HEADER]).toBe(b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'body-not-json',
        'json-not-a-cloudevent',
        'structured-mode-cloudevent',
        'missing-specversion',
        'wrong-specversion',
        'missing-id',
        'wrong-id',
        'missing-source',
        'wrong-source',
        'missing-type',
        'wrong-type',
        'wrong-datacontenttype',
        'header-id-repeated',
        'header-type-not-utf8',
        'header-names-upper-case',
        'type-of-another-topic',
        'type-newer-major',
        'type-older-major',
        'dataschema-of-another-type',
        'dataschema-another-major',
        'dataschema-not-a-url',
        'data-null',
        'data-not-an-object',
        'data-empty-object',
        'data-every-field-wrong-type',
        'huge-payload',
        'huge-header',
        'applied-id-another-body',
        'applied-id-another-type',
      ]),
    );
  });

  it('each case the consumer can judge from the record alone is dead-lettered by its screening, for the reason it names', () => {
    const verdicts = bad
      .filter((b) => b.reason !== 'id-conflict')
      .map((b) => {
        const screened = screenRecord(topic, asConsumed(b), rules);
        if (screened.verdict !== 'dead-letter') return { name: b.name, verdict: screened.verdict };
        return { name: b.name, reason: screened.reason, named: screened.errors.some((e) => b.error.test(e)) };
      });
    expect(verdicts).toEqual(bad.filter((b) => b.reason !== 'id-conflict').map((b) => ({ name: b.name, reason: b.reason, named: true })));
  });

  it('an id-conflict case passes the screening (only the inbox knows the id) and carries the applied id', () => {
    for (const name of ['applied-id-another-body', 'applied-id-another-type']) {
      const b = byName(name);
      expect(screenRecord(topic, asConsumed(b), rules).verdict).toBe('take');
      expect(b.record.headers['ce_id']).toBe(applied.id);
      expect(b.record.value?.toString()).not.toBe(toKafkaRecord(applied).value.toString());
    }
    expect(byName('applied-id-another-type').record.headers['ce_type']).toBe(caseClosedEvent.type);
  });

  it('the valid template itself is taken, and so is an older or newer minor of it', () => {
    const record = toKafkaRecord(valid);
    const consumed = { key: Buffer.from(record.key), value: record.value, headers: record.headers };
    expect(screenRecord(topic, consumed, rules).verdict).toBe('take');
    for (const minor of ['0', '9']) {
      const headers = { ...record.headers, ce_dataschema: record.headers['ce_dataschema']!.replace(/\.\d+$/, `.${minor}`) };
      expect(screenRecord(topic, { ...consumed, headers }, rules).verdict).toBe('take');
    }
  });

  it('makes the huge cases larger than the limit, and the others well below it', () => {
    for (const b of bad) {
      const size = recordBytes(asConsumed(b));
      if (b.reason === 'too-large') expect(size).toBeGreaterThan(DEFAULT_MAX_MESSAGE_BYTES);
      else expect(size).toBeLessThan(DEFAULT_MAX_MESSAGE_BYTES / 4);
    }
  });

  it('refuses templates that cannot make every case', () => {
    const options = { def: childRemovedEvent, valid, applied, foreign, maxMessageBytes: 1024 };
    expect(() => badMessages({ ...options, applied: valid })).toThrow(/different bodies/);
    expect(() => badMessages({ ...options, foreign: valid })).toThrow(/another type/);
    expect(() => badMessages({ ...options, valid: foreign })).toThrow(/child-removed/);
  });
});

describe('the screening and dead-letter helpers of the inbox consumer', () => {
  it('without topicOf, a misrouted type is not refused for its topic (renamed test topics)', () => {
    const b = byName('type-of-another-topic');
    expect(screenRecord(topic, asConsumed(b), { ...rules, topicOf: undefined }).verdict).toBe('take');
  });

  it('skips a type it does not handle of the topic major', () => {
    const record = toKafkaRecord(valid);
    const headers = { ...record.headers, ce_type: 'gov.ca.linkages.cws.something-new.v1' };
    expect(screenRecord(topic, { key: null, value: record.value, headers }, rules).verdict).toBe('skip');
  });

  it('finds headers repeated with different values, not those repeated with the same one', () => {
    expect(repeatedHeaders({ ce_id: [Buffer.from('a'), Buffer.from('b')], ce_type: [Buffer.from('t'), 't'], x: 'y' })).toEqual(['ce_id']);
  });

  it('keeps x-dlq-errors valid JSON of at most 4,000 characters, saying how many errors it left out', () => {
    const many = Array.from({ length: 300 }, (_, i) => `data.items.${i}.memberId: Invalid input: expected string, received number`);
    const header = dlqErrorsHeader(many);
    expect(header.length).toBeLessThanOrEqual(4000);
    const parsed = JSON.parse(header) as string[];
    expect(parsed[0]).toBe(many[0]);
    expect(parsed.at(-1)).toBe(`…and ${300 - (parsed.length - 1)} more`);
    expect(JSON.parse(dlqErrorsHeader(['x'.repeat(10_000)]))).toEqual([`${'x'.repeat(499)}…`]);
    expect(JSON.parse(dlqErrorsHeader(['a', 'b']))).toEqual(['a', 'b']);
  });
});
