import { formatInstant, timeLeft } from './dates';

describe('county dates', () => {
  it('shows an instant in the county time zone with its abbreviation, across the daylight-saving change', () => {
    expect(formatInstant('2026-11-01T08:30:00Z', 'America/Los_Angeles')).toBe('Sun, Nov 1, 2026, 1:30 AM PDT');
    expect(formatInstant('2026-11-01T09:30:00Z', 'America/Los_Angeles')).toBe('Sun, Nov 1, 2026, 1:30 AM PST');
    expect(formatInstant(null, 'America/Los_Angeles')).toBe('—');
  });

  it('says how long is left or how long it is overdue', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(timeLeft('2026-12-01T15:20:00Z', now)).toBe('3 h 20 min left');
    expect(timeLeft('2026-11-29T08:00:00Z', now)).toBe('2 d 4 h overdue');
    expect(timeLeft('2026-12-01T12:05:00Z', now)).toBe('5 min left');
  });
});
