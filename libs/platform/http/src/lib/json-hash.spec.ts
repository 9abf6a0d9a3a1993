import { createHash } from 'node:crypto';
import { updateHashWithJson } from './json-hash';

const digestOf = (value: unknown) => updateHashWithJson(createHash('sha256'), value).digest('hex');
const stringified = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value) ?? 'null')
    .digest('hex');

describe('updateHashWithJson', () => {
  it('hashes exactly the text JSON.stringify writes (idempotency keys stored before stay valid)', () => {
    const samples: unknown[] = [
      null,
      0,
      -0,
      1.5e300,
      Number.NaN,
      true,
      'plain',
      'quotes " and \\ and \u0001 and é and \u2028',
      [],
      {},
      [1, 'two', null, [3, [4]], { five: 5 }],
      { b: 1, a: [true, false], nested: { deeper: { deepest: [] } }, 'odd key "x"': 'y', '': 0 },
      { skipped: undefined, fn: () => 1, kept: 1, inArray: [undefined, () => 1] },
      { when: new Date('2024-03-01T10:00:00Z'), custom: { toJSON: () => ({ replaced: true }) } },
    ];
    for (const sample of samples) expect({ sample, digest: digestOf(sample) }).toEqual({ sample, digest: stringified(sample) });
  });

  it('hashes a value nested 100,000 deep, where JSON.stringify overflows the stack', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(digestOf(deep)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(deep)).not.toBe(digestOf(JSON.parse(`${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`)));
  });
});
