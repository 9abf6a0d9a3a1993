import { additiveViolations, type JsonSchema } from './json-schema';

const base: JsonSchema = {
  type: 'object',
  properties: { a: { type: 'string', format: 'uuid' }, kind: { type: 'string', enum: ['x', 'y'] }, n: { type: 'integer', maximum: 10 } },
  required: ['a', 'kind'],
};
const clone = () => JSON.parse(JSON.stringify(base)) as JsonSchema & { properties: Record<string, JsonSchema>; required: string[] };

describe('additiveViolations', () => {
  it('accepts the same schema, a new optional field and a new enum value', () => {
    expect(additiveViolations(base, base)).toEqual([]);
    const next = clone();
    next.properties['extra'] = { type: 'boolean' };
    (next.properties['kind'] as { enum: string[] }).enum.push('z');
    expect(additiveViolations(base, next)).toEqual([]);
  });

  it.each([
    ['a removed field', (s: ReturnType<typeof clone>) => delete s.properties['a'], /\$\.a: removed/],
    [
      'a new required field',
      (s: ReturnType<typeof clone>) => ((s.properties['b'] = { type: 'string' }), s.required.push('b')),
      /'b' became required/,
    ],
    ['a field no longer required', (s: ReturnType<typeof clone>) => s.required.pop(), /'kind' is no longer required/],
    ['a changed type', (s: ReturnType<typeof clone>) => (s.properties['n'] = { type: 'string' }), /\$\.n: type changed/],
    ['a changed format', (s: ReturnType<typeof clone>) => ((s.properties['a'] as JsonSchema)['format'] = 'email'), /\$\.a: format changed/],
    [
      'a removed enum value',
      (s: ReturnType<typeof clone>) => ((s.properties['kind'] as { enum: string[] }).enum = ['x']),
      /enum value "y" removed/,
    ],
    ['a tightened bound', (s: ReturnType<typeof clone>) => ((s.properties['n'] as JsonSchema)['maximum'] = 5), /maximum tightened/],
    ['closed additional properties', (s: ReturnType<typeof clone>) => (s['additionalProperties'] = false), /additionalProperties closed/],
  ])('rejects %s', (_name, change, expected) => {
    const next = clone();
    change(next);
    expect(additiveViolations(base, next).join('\n')).toMatch(expected);
  });
});
