import { RefusalBudget } from './refusal-budget';

describe('RefusalBudget: N refusals per window per client, then 429 until the window resets', () => {
  let now = Date.parse('2026-12-03T10:00:00.000Z');
  const clock = () => now;
  const budget = (limit = 3, maxKeys = 10) => new RefusalBudget<string>({ limit, windowMs: 60_000, maxKeys, now: clock });

  it('answers the first N refusals as such, the ones after with the seconds left in the window', () => {
    const b = budget();
    expect([b.spend('address 10.0.0.1'), b.spend('address 10.0.0.1'), b.spend('address 10.0.0.1')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(b.exhausted('address 10.0.0.1')).toBe(60);
    now += 20_500;
    expect(b.spend('address 10.0.0.1')).toBe(40);
    // Another client is not affected.
    expect(b.spend('address 10.0.0.2')).toBeUndefined();
    now += 39_499;
    expect(b.spend('address 10.0.0.1')).toBe(1);
    now += 1;
    expect(b.exhausted('address 10.0.0.1')).toBeUndefined();
    expect(b.spend('address 10.0.0.1')).toBeUndefined();
  });

  it('remembers a refused token, and says so only once the budget is spent (before, the token is verified as usual)', () => {
    const b = budget(2);
    b.spend('address 10.0.0.3');
    b.remember('address 10.0.0.3', 'digest-1', 'expired');
    expect(b.refusedAgain('address 10.0.0.3', 'digest-1')).toBeUndefined();
    b.spend('address 10.0.0.3');
    expect(b.refusedAgain('address 10.0.0.3', 'digest-1')).toBe('expired');
    expect(b.refusedAgain('address 10.0.0.3', 'digest-2')).toBeUndefined();
    expect(b.refusedAgain('address 10.0.0.4', 'digest-1')).toBeUndefined();
    // Forgotten with the window.
    now += 60_000;
    b.spend('address 10.0.0.3');
    b.spend('address 10.0.0.3');
    expect(b.refusedAgain('address 10.0.0.3', 'digest-1')).toBeUndefined();
  });

  it('keeps at most tokensPerKey tokens per client, the newest', () => {
    const b = new RefusalBudget<number>({ limit: 1, windowMs: 60_000, maxKeys: 10, tokensPerKey: 2, now: clock });
    b.spend('k');
    for (const i of [1, 2, 3]) b.remember('k', `d${i}`, i);
    expect(['d1', 'd2', 'd3'].map((d) => b.refusedAgain('k', d))).toEqual([undefined, 2, 3]);
  });

  it('bounds memory: beyond maxKeys the expired and then the oldest clients are forgotten', () => {
    const b = budget(1, 3);
    b.spend('a');
    now += 60_000;
    b.spend('b');
    b.spend('c');
    b.spend('d');
    expect(b.size).toBe(3);
    expect(b.exhausted('a')).toBeUndefined();
    b.spend('e');
    expect(b.size).toBe(3);
    // 'b', the oldest, was forgotten and starts over (forgetting 'c' in turn); 'd' is still counted.
    expect(b.spend('b')).toBeUndefined();
    expect(b.spend('d')).toBe(60);
  });

  it('refuses limits that make no sense', () => {
    expect(() => new RefusalBudget({ limit: 0, windowMs: 1, maxKeys: 1 })).toThrow(RangeError);
    expect(() => new RefusalBudget({ limit: 1, windowMs: 1, maxKeys: 0 })).toThrow(RangeError);
  });
});
