import type { HttpException } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe, dateOfBirth, isoDate } from './validation';

const refusal = (pipe: ZodValidationPipe<unknown>, value: unknown) => {
  try {
    pipe.transform(value);
  } catch (error) {
    return (error as HttpException).getResponse() as { errors: { field: string; message: string }[] };
  }
  throw new Error('expected a refusal');
};

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(
    z.strictObject({ name: z.string(), members: z.array(z.strictObject({ ssn: z.string() })), tags: z.record(z.string(), z.number()) }),
  );

  it('counts unknown properties on the object that holds them, and never names them', () => {
    const problem = refusal(pipe, {
      name: 'x',
      '<img src=x onerror=alert(1)>': 1,
      zzCanary: 2,
      members: [{ ssn: '1', extraCanary: true }],
      tags: {},
    });
    expect(problem.errors).toHaveLength(2);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'body', message: 'has 2 unknown properties' },
        { field: 'body.members.0', message: 'has an unknown property' },
      ]),
    );
    expect(JSON.stringify(problem)).not.toMatch(/img|Canary/);
  });

  it('writes a record key the client made up as *, a plain one as it is', () => {
    expect(refusal(pipe, { name: 'x', members: [], tags: { '<b>bold</b>': 'x', plain_key: 'y' } }).errors).toEqual([
      { field: 'body.tags.*', message: expect.any(String) },
      { field: 'body.tags.plain_key', message: expect.any(String) },
    ]);
  });
});

describe('dates', () => {
  it('isoDate takes the years 1900–2200 only', () => {
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    for (const value of ['0000-01-01', '0001-01-01', '1899-12-31', '2201-01-01', '2023-02-29', '2024-1-1'])
      expect({ value, ok: isoDate.safeParse(value).success }).toEqual({ value, ok: false });
  });

  it('dateOfBirth refuses the future and years before 1900', () => {
    expect(dateOfBirth.safeParse('1950-06-15').success).toBe(true);
    expect(dateOfBirth.safeParse('0001-01-01').error?.issues[0]?.message).toBe('must be a date between the years 1900 and 2200');
    expect(dateOfBirth.safeParse('2999-01-01').error?.issues[0]?.message).toBe('cannot be in the future');
  });
});
