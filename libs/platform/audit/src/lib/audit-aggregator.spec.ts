import { AuditAggregator } from './audit-aggregator';
import type { AuditEntry } from './audit-record';

const refusal = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorSubject: 'anonymous',
  actorRoles: [],
  action: 'access',
  recordType: 'route',
  recordId: 'GET /probe',
  outcome: 'denied',
  reason: 'no bearer token',
  ...over,
});

describe('AuditAggregator: repeated entries written once per window, none lost', () => {
  const t0 = Date.parse('2026-12-03T10:00:00.000Z');
  let now = t0;
  const clock = () => now;
  const counted = (entries: AuditEntry[]) => entries.reduce((sum, e) => sum + Number(e.details?.['count']), 0);

  beforeEach(() => {
    now = t0;
  });

  it('writes the first entry of a key at once and counts the repeats into one entry when the window has passed', () => {
    const aggregator = new AuditAggregator({ windowMs: 60_000, maxKeys: 10, now: clock });
    expect(aggregator.add('a', refusal({ correlationId: 'c-1' }))).toEqual({ write: true, closed: [] });
    now += 1_000;
    expect(aggregator.add('a', refusal({ correlationId: 'c-2' }), 'throttled')).toEqual({ write: false, closed: [] });
    now += 1_000;
    aggregator.add('a', refusal({ correlationId: 'c-3' }));
    now += 57_999;
    expect(aggregator.closed()).toEqual([]);
    now += 1;
    expect(aggregator.closed()).toEqual([
      {
        ...refusal(),
        details: { count: 2, throttled: 1, firstAt: '2026-12-03T10:00:01.000Z', lastAt: '2026-12-03T10:00:02.000Z' },
      },
    ]);
    expect(aggregator.size).toBe(0);
    // A new window: its first entry is written again, as it is.
    expect(aggregator.add('a', refusal()).write).toBe(true);
  });

  it('writes nothing more for a window without repeats, and keeps keys apart', () => {
    const aggregator = new AuditAggregator({ windowMs: 60_000, maxKeys: 10, now: clock });
    expect(aggregator.add('a', refusal()).write).toBe(true);
    expect(aggregator.add('b', refusal({ reason: 'token refused: expired' })).write).toBe(true);
    aggregator.add('b', refusal({ reason: 'token refused: expired' }));
    now += 60_000;
    const closed = aggregator.closed();
    expect(closed.map((e) => [e.reason, e.details?.['count']])).toEqual([['token refused: expired', 1]]);
  });

  it('closes a window that has passed when its key comes back before the timer looked', () => {
    const aggregator = new AuditAggregator({ windowMs: 60_000, maxKeys: 10, now: clock });
    aggregator.add('a', refusal());
    aggregator.add('a', refusal());
    now += 60_000;
    const next = aggregator.add('a', refusal());
    expect(next.write).toBe(true);
    expect(counted(next.closed)).toBe(1);
  });

  it('bounds memory: a new key beyond maxKeys closes the oldest window early, with its count', () => {
    const aggregator = new AuditAggregator({ windowMs: 60_000, maxKeys: 2, now: clock });
    aggregator.add('a', refusal({ recordId: 'GET /a' }));
    aggregator.add('a', refusal({ recordId: 'GET /a' }));
    now += 1;
    aggregator.add('b', refusal({ recordId: 'GET /b' }));
    now += 1;
    const third = aggregator.add('c', refusal({ recordId: 'GET /c' }));
    expect(third.write).toBe(true);
    expect(third.closed.map((e) => [e.recordId, e.details?.['count']])).toEqual([['GET /a', 1]]);
    expect(aggregator.size).toBe(2);
  });

  it('drains every open window on shutdown: the entries written plus the counts are every entry added', () => {
    const aggregator = new AuditAggregator({ windowMs: 60_000, maxKeys: 3, now: clock });
    let written = 0;
    let taggedRepeats = 0;
    const closed: AuditEntry[] = [];
    for (let i = 0; i < 1_000; i++) {
      now += 97;
      const result = aggregator.add(`k${i % 3}`, refusal({ recordId: `GET /${i % 3}` }), i % 2 ? 'throttled' : undefined);
      if (result.write) written += 1;
      else if (i % 2) taggedRepeats += 1;
      closed.push(...result.closed);
      if (i % 50 === 0) closed.push(...aggregator.closed());
    }
    closed.push(...aggregator.drain());
    expect(aggregator.size).toBe(0);
    expect(written + counted(closed)).toBe(1_000);
    // 97 s of three keys: two windows each, so at most two rows per key and window.
    expect(written + closed.length).toBeLessThanOrEqual(12);
    expect(closed.reduce((sum, e) => sum + Number(e.details?.['throttled'] ?? 0), 0)).toBe(taggedRepeats);
  });

  it('refuses a window or a key limit that makes no sense', () => {
    expect(() => new AuditAggregator({ windowMs: 0, maxKeys: 1 })).toThrow(RangeError);
    expect(() => new AuditAggregator({ windowMs: 1, maxKeys: 0 })).toThrow(RangeError);
  });
});
