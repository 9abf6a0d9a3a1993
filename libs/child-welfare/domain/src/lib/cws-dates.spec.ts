import { dateOf, startOfDay } from './cws-dates';

describe('child-welfare dates (America/Los_Angeles)', () => {
  it('dateOf is the California date of an instant, not the UTC one', () => {
    expect(dateOf('2026-08-05T16:00:00-07:00')).toBe('2026-08-05');
    expect(dateOf('2026-08-06T05:00:00Z')).toBe('2026-08-05');
    expect(dateOf(new Date('2026-08-06T07:00:00Z'))).toBe('2026-08-06');
  });

  it('startOfDay is midnight in California, with the offset of that day (DST)', () => {
    expect(startOfDay('2026-09-11')).toBe('2026-09-11T00:00:00.000-07:00');
    expect(startOfDay('2026-12-01')).toBe('2026-12-01T00:00:00.000-08:00');
  });

  it('an unreadable date is kept as it is', () => {
    expect(startOfDay('not-a-date')).toBe('not-a-date');
    expect(dateOf('not-an-instant')).toBe('');
  });
});
