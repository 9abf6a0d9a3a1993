import { boundaryErrorsOf, isJsonMediaType, maxJsonDepth, safeFieldPath } from './request-boundary';

describe('request boundary', () => {
  it('names a NUL character in a string or a key by its field, never by its value', () => {
    expect(boundaryErrorsOf({ familyName: 'Roe\u0000', members: [{ ok: 'x' }, { ssn: 'a\u0000b' }] }, 'body')).toEqual([
      { field: 'body.familyName', message: expect.stringContaining('NUL') },
      { field: 'body.members.1.ssn', message: expect.stringContaining('NUL') },
    ]);
    expect(boundaryErrorsOf({ ['secret\u0000']: 1 }, 'body')).toEqual([
      { field: 'body.*', message: 'a property name must not contain a NUL character' },
    ]);
    expect(boundaryErrorsOf(Object.assign(Object.create(null) as object, { recordId: '\u0000' }), 'query')).toEqual([
      { field: 'query.recordId', message: expect.stringContaining('NUL') },
    ]);
    expect(boundaryErrorsOf({ text: 'a '.repeat(1000), n: 1, b: null, list: [1, 'x'] }, 'body')).toEqual([]);
  });

  it('bounds the years of dates and date-times to 1900–2200; other text that merely starts with digits passes', () => {
    const message = 'must be a date between the years 1900 and 2200';
    expect(
      boundaryErrorsOf(
        {
          a: '0000-01-01',
          b: '0001-12-31',
          c: '1899-12-31T23:59:59Z',
          d: '2201-01-01T00:00:00.000-08:00',
          e: '1900-01-01',
          f: '2200-12-31',
        },
        'body',
      ),
    ).toEqual([
      { field: 'body.a', message },
      { field: 'body.b', message },
      { field: 'body.c', message },
      { field: 'body.d', message },
    ]);
    expect(boundaryErrorsOf({ note: '0001-01-01 was a Monday', caseNumber: '0001-01-0001', year: '0001' }, 'body')).toEqual([]);
  });

  it(`refuses nesting deeper than ${maxJsonDepth} levels, without recursion`, () => {
    const nest = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
    expect(boundaryErrorsOf(nest(maxJsonDepth), 'body')).toEqual([]);
    expect(boundaryErrorsOf(nest(maxJsonDepth + 1), 'body')).toEqual([
      { field: 'body', message: `is nested deeper than ${maxJsonDepth} levels` },
    ]);
    expect(boundaryErrorsOf(nest(200_000), 'body')).toEqual([{ field: 'body', message: `is nested deeper than ${maxJsonDepth} levels` }]);
  });

  it('stops at 20 errors', () => {
    expect(
      boundaryErrorsOf(
        Array.from({ length: 100 }, () => '\u0000'),
        'body',
      ),
    ).toHaveLength(20);
  });

  it('writes client-made path segments as *', () => {
    expect(safeFieldPath('body', ['members', 0, 'date_of-birth'])).toBe('body.members.0.date_of-birth');
    expect(safeFieldPath('body', ['details', '<script>', 'x'.repeat(65), '', 'a.b', Symbol('s')])).toBe('body.details.*.*.*.*.*');
  });

  it('takes application/json and +json types as JSON, nothing else', () => {
    for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/merge-patch+json', 'application/problem+json'])
      expect({ type, json: isJsonMediaType(type) }).toEqual({ type, json: true });
    for (const type of [
      undefined,
      '',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'text/json',
      'application/jsonx',
    ])
      expect({ type, json: isJsonMediaType(type) }).toEqual({ type, json: false });
  });
});
