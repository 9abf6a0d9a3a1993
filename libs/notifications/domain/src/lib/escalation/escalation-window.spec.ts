import { countyCalendarSpec } from '@linkages/platform-deadlines';
import { escalationWindowEnd } from './escalation-window';

const calendar = countyCalendarSpec('06085');
const business = { windows: 'business-hours' as const, businessHours: { start: '08:00', end: '17:00' } };

describe('escalationWindowEnd', () => {
  it('adds clock hours as they are', () => {
    expect(
      escalationWindowEnd({ from: '2026-11-27T00:00:00.000Z', within: 'PT4H', policy: { ...business, windows: 'clock-hours' }, calendar }),
    ).toBe('2026-11-27T04:00:00.000Z');
  });

  it('counts business hours within one open day', () => {
    // Tuesday 2026-11-17 09:00 PST (17:00Z) + 4h = 13:00 PST
    expect(escalationWindowEnd({ from: '2026-11-17T17:00:00.000Z', within: 'PT4H', policy: business, calendar })).toBe(
      '2026-11-17T21:00:00.000Z',
    );
  });

  it('skips a weekend: Friday 16:00 + 4 business hours is Monday 11:00', () => {
    // Friday 2026-11-20 16:00 PST = 2026-11-21T00:00Z; 1h Friday, 3h Monday 2026-11-23 → 11:00 PST = 19:00Z
    expect(escalationWindowEnd({ from: '2026-11-21T00:00:00.000Z', within: 'PT4H', policy: business, calendar })).toBe(
      '2026-11-23T19:00:00.000Z',
    );
  });

  it('skips Thanksgiving and the day after, then the weekend', () => {
    // Wednesday 2026-11-25 16:00 PST; 1h Wednesday, Thu 26 + Fri 27 closed, Sat/Sun, Monday 30 08:00 + 3h
    expect(escalationWindowEnd({ from: '2026-11-26T00:00:00.000Z', within: 'PT4H', policy: business, calendar })).toBe(
      '2026-11-30T19:00:00.000Z',
    );
  });

  it('starts a window raised before opening at the opening', () => {
    // Monday 2026-11-30 06:00 PST → 08:00 + 2h = 10:00 PST = 18:00Z
    expect(escalationWindowEnd({ from: '2026-11-30T14:00:00.000Z', within: 'PT2H', policy: business, calendar })).toBe(
      '2026-11-30T18:00:00.000Z',
    );
  });

  it('is DST-correct across 2026-11-01 (PDT to PST)', () => {
    // Friday 2026-10-30 16:00 PDT = 23:00Z; 1h Friday, Monday 2026-11-02 08:00 PST + 1h = 09:00 PST = 17:00Z
    expect(escalationWindowEnd({ from: '2026-10-30T23:00:00.000Z', within: 'PT2H', policy: business, calendar })).toBe(
      '2026-11-02T17:00:00.000Z',
    );
  });

  it('spans several business days (P9H per day)', () => {
    // Monday 2026-11-16 08:00 PST (16:00Z) + 18h business = end of Tuesday 17:00 PST = 2026-11-18T01:00Z
    expect(escalationWindowEnd({ from: '2026-11-16T16:00:00.000Z', within: 'PT18H', policy: business, calendar })).toBe(
      '2026-11-18T01:00:00.000Z',
    );
  });

  it('refuses a malformed duration', () => {
    expect(() => escalationWindowEnd({ from: '2026-11-16T16:00:00.000Z', within: '4 hours', policy: business, calendar })).toThrow(
      /ISO 8601/,
    );
  });
});
