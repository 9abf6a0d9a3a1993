import { inboxListQuery, inboxSequence } from './inbox.schemas';

describe('inbox schemas', () => {
  it('accepts a sequence as a decimal bigint and refuses anything else', () => {
    for (const ok of ['0', '1', '42', '9223372036854775807']) expect(inboxSequence.safeParse(ok).success).toBe(true);
    for (const bad of ['', '-1', '01', '1.5', 'abc', ' 1', '9223372036854775808', '99999999999999999999'])
      expect([bad, inboxSequence.safeParse(bad).success]).toEqual([bad, false]);
  });

  it('defaults the list to unarchived, 50 a page, and parses the flags', () => {
    expect(inboxListQuery.parse({})).toEqual({ archived: false, limit: 50 });
    expect(inboxListQuery.parse({ unread: 'true', archived: 'true', after: '7', limit: '100' })).toEqual({
      unread: true,
      archived: true,
      after: '7',
      limit: 100,
    });
    expect(inboxListQuery.parse({ unread: 'false' }).unread).toBe(false);
    for (const bad of [{ limit: '0' }, { limit: '101' }, { unread: '1' }, { other: 'x' }])
      expect(inboxListQuery.safeParse(bad).success).toBe(false);
  });
});
