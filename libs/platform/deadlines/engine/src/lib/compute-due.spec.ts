import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BusinessCalendar, countyCalendarSpec, courtCalendarSpec, type CalendarSpec } from './calendar';
import { californiaHolidays } from './holidays';
import { computeDue, reasonWords, whoActed, type DueRule } from './compute-due';

const county = countyCalendarSpec('06085');
const STAFF = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const court = courtCalendarSpec('06085');
const rule = (basis: DueRule['basis'], length: number, extra: Partial<DueRule> = {}): DueRule => ({
  id: `test.${basis}`,
  title: 'Test rule',
  citation: 'WIC 0',
  status: 'confirmed',
  basis,
  length,
  ...extra,
});

describe('computeDue', () => {
  it('a pause on a month-based count adds its days to the last day, not months', () => {
    const r = rule('months', 6, { rollDirection: 'none' });
    const pauses = [{ from: '2026-12-10T09:00:00-08:00', to: '2026-12-20T09:00:00-08:00', reasonCode: 'hearing-pending', by: STAFF }];
    const paused = computeDue(r, '2026-12-01T09:00:00-08:00', county, { pauses });
    // 6 months from 1 Dec 2026 = 1 Jun 2027; 10 days stopped → 11 Jun 2027 (not 6 + 10 months).
    expect(paused.dueDate).toBe('2027-06-11');
    expect(paused.explanation.totalLength).toBe(6);
    expect(paused.explanation.summary).toContain('10 calendar days added');
  });

  it('names the fact the count starts from, with its date (the rule anchor), in the summary and the structure', () => {
    const review = computeDue(
      rule('months', 6, {
        anchor: 'the disposition hearing',
        rollDirection: 'backward',
        rollReason: 'No later than',
        rollSource: 'WIC 366.21(e)',
      }),
      '2026-09-25T10:00:00-07:00',
      court,
    );
    expect(review.explanation.summary).toContain('6 calendar months from the disposition hearing of Fri 25 Sep 2026');
    expect(review.explanation.start).toEqual({ at: '2026-09-25T10:00:00.000-07:00', date: '2026-09-25', fact: 'the disposition hearing' });
    const contact = computeDue(rule('hours', 24, { anchor: 'the hotline report' }), '2026-11-30T14:05:00-08:00', county);
    expect(contact.explanation.summary).toContain('24 hours from the hotline report of Mon 30 Nov 2026 14:05 PST');
    const aid = computeDue(
      rule('full-calendar-months', 6, { anchor: 'the FR aid grant', kind: 'window' }),
      '2026-03-17T09:00:00-07:00',
      county,
    );
    expect(aid.explanation.summary).toContain('6 full calendar months from the FR aid grant of Tue 17 Mar 2026');
    const visit = computeDue(
      rule('calendar-months', 1, { anchor: "a month of the child's open case", rollDirection: 'none' }),
      '2026-11-01T00:00:00-07:00',
      county,
    );
    expect(visit.explanation.summary).toContain("counting the month of Sun 1 Nov 2026 (a month of the child's open case)");
    // A policy recorded before anchors existed (a running workflow's input) still reads as before.
    const old = computeDue(rule('calendar-days', 10), '2026-12-01T09:00:00-08:00', county);
    expect(old.explanation.summary).toContain('10 calendar days from Tue 1 Dec 2026, first day not counted');
    expect(old.explanation.start.fact).toBeUndefined();
  });

  it('calendar months: due on the last day of the month, whatever day it is, never moved (a monthly visit)', () => {
    const nov = computeDue(rule('calendar-months', 1, { rollDirection: 'none' }), '2026-11-01T00:00:00-07:00', county);
    expect(nov.dueAt).toBe('2026-11-30T23:59:59.999-08:00');
    const feb = computeDue(rule('calendar-months', 1, { rollDirection: 'none' }), '2028-02-10T09:00:00-08:00', county);
    expect(feb.dueDate).toBe('2028-02-29'); // leap year, and a Tuesday
    const may = computeDue(rule('calendar-months', 1, { rollDirection: 'none' }), '2027-05-03T09:00:00-07:00', county);
    expect(may.dueDate).toBe('2027-05-31'); // Memorial Day, not moved: the visit belongs to May
    expect(may.explanation.summary).toMatch(/1 calendar month counting the month of Mon 3 May 2027/);
    const two = computeDue(rule('calendar-months', 2, { rollDirection: 'none' }), '2026-12-15T09:00:00-08:00', county);
    expect(two.dueDate).toBe('2027-01-31');
  });

  it('full calendar months (AB 135): a grant mid-month leaves out the prorated month and ends on the last day of the sixth full month', () => {
    const window = rule('full-calendar-months', 6, { id: 'calworks.fr.ab135-window', citation: 'ACL 25-05', rollDirection: 'none' });
    // Granted Wed 15 Jan 2025: January is prorated; February–July are the six full months → Thu 31 Jul 2025.
    const mid = computeDue(window, '2025-01-15T10:00:00-08:00', county);
    expect(mid.dueAt).toBe('2025-07-31T23:59:59.999-07:00');
    expect(mid.explanation.proratedMonth).toBe('2025-01');
    expect(mid.explanation.countedMonths).toEqual({ first: '2025-02', last: '2025-07' });
    expect(mid.explanation.summary).toContain('January 2025 is a prorated month (the start is not on the 1st) and is not counted');
    expect(mid.explanation.summary).toContain('counted: February 2025 to July 2025');
    // Granted on the 1st (Wed 1 Jan 2025, a holiday: the date counts, it is not a day to act on): January is the
    // first full month → Mon 30 Jun 2025, not 1 Jul.
    const first = computeDue(window, '2025-01-01T00:00:00-08:00', county);
    expect(first.dueDate).toBe('2025-06-30');
    expect(first.explanation.proratedMonth).toBeUndefined();
    expect(first.explanation.summary).toContain('The start is on the 1st, so January 2025 is the first full month');
    // Granted Wed 5 Feb 2025: March–August → Sun 31 Aug 2025, a closed day the window does not move.
    const sunday = computeDue(window, '2025-02-05T09:00:00-08:00', county);
    expect(sunday.dueDate).toBe('2025-08-31');
    expect(sunday.explanation.notRolled).toEqual({ date: '2025-08-31', reason: 'Sunday' });
    // A grant on the last day of a month: that day is a prorated month of one day.
    expect(computeDue(window, '2025-12-31T16:00:00-08:00', county).dueDate).toBe('2026-06-30');
  });

  it('one full calendar month (temporary absence): removal Sat 15 Mar 2025 → April → Wed 30 Apr; removal on 1 Feb 2028 → Tue 29 Feb', () => {
    const absence = rule('full-calendar-months', 1, { rollDirection: 'none' });
    expect(computeDue(absence, '2025-03-15T09:00:00-07:00', county).dueDate).toBe('2025-04-30');
    expect(computeDue(absence, '2028-02-01T09:00:00-08:00', county).dueDate).toBe('2028-02-29');
  });

  it('a "no later than" month limit on a closed day rolls backward to the last open court day, and says CCP 12a could extend it', () => {
    const review = rule('months', 6, {
      id: 'cws.court.six-month-review',
      citation: 'WIC 366.21(e)',
      rollDirection: 'backward',
      rollReason: 'A "no later than" limit for a hearing',
      rollSource: 'WIC 366.21(e)',
    });
    // 10 May 2028 + 6 months = Fri 10 Nov 2028, Veterans Day observed (11 Nov is a Saturday) → Thu 9 Nov.
    const r = computeDue(review, '2028-05-10T10:00:00-07:00', court);
    expect(r.dueDate).toBe('2028-11-09');
    expect(r.explanation.rolledForward).toBeUndefined();
    expect(r.explanation.rolledBackward).toEqual({ from: '2028-11-10', to: '2028-11-09', ccp12aWouldAllow: '2028-11-13' });
    expect(r.explanation.skipped).toEqual([{ date: '2028-11-10', reason: 'Veterans Day (observed; falls on 2028-11-11)' }]);
    expect(r.explanation.summary).toContain(
      'due the last open day on or before it, 2028-11-09: A "no later than" limit for a hearing (WIC 366.21(e)).',
    );
    expect(r.explanation.summary).toContain('CCP 12a could extend a last day on a closed day to 2028-11-13');
    // An open limit day stays, and the explanation still names the direction.
    const open = computeDue(review, '2028-05-09T10:00:00-07:00', court);
    expect(open.dueDate).toBe('2028-11-09');
    expect(open.explanation.summary).toContain('A closed last day would move back to the last open day before it');
  });

  it('a limit that does not roll keeps a closed last day and says why (ER 10-day response, WIC 16504)', () => {
    const tenDay = rule('calendar-days', 10, {
      citation: 'WIC 16501(f)',
      rollDirection: 'none',
      rollReason: 'Emergency response runs every day',
      rollSource: 'WIC 16504',
    });
    const r = computeDue(tenDay, '2026-11-25T16:40:00-08:00', county);
    expect(r.dueDate).toBe('2026-12-05'); // day 10, a Saturday
    expect(r.explanation.skipped).toEqual([]);
    expect(r.explanation.notRolled).toEqual({ date: '2026-12-05', reason: 'Saturday' });
    expect(r.explanation.roll).toEqual({ direction: 'none', reason: 'Emergency response runs every day', source: 'WIC 16504' });
    expect(r.explanation.summary).toContain(
      'The last day, 2026-12-05, is closed (Saturday) and is not moved: Emergency response runs every day (WIC 16504).',
    );
    // The deprecated rollForward: false still means none (policies inside running workflows' inputs).
    expect(computeDue(rule('calendar-days', 10, { rollForward: false }), '2026-11-25T16:40:00-08:00', county).dueDate).toBe('2026-12-05');
  });

  it('10 calendar days from the day before Thanksgiving: day 10 is a Saturday, due Monday (CCP 12, 12a)', () => {
    const r = computeDue(
      rule('calendar-days', 10, { id: 'cws.er.in-person-10-day', citation: 'WIC 16501(f)' }),
      '2026-11-25T16:40:00-08:00',
      county,
    );
    expect(r.dueDate).toBe('2026-12-07');
    expect(r.dueAt).toBe('2026-12-07T23:59:59.999-08:00');
    expect(r.explanation.rolledForward).toEqual({ from: '2026-12-05', to: '2026-12-07' });
    expect(r.explanation.skipped).toEqual([
      { date: '2026-12-05', reason: 'Saturday' },
      { date: '2026-12-06', reason: 'Sunday' },
    ]);
    expect(r.explanation.summary).toContain('WIC 16501(f)');
    expect(r.explanation.summary).toContain('first day not counted');
  });

  it('a last day on a holiday rolls past the holiday and the weekend', () => {
    // 1 day after Wed 25 Nov 2026 is Thanksgiving; then the day after, Saturday, Sunday.
    const r = computeDue(rule('calendar-days', 1), '2026-11-25T09:00:00-08:00', county);
    expect(r.dueDate).toBe('2026-11-30');
    expect(r.explanation.skipped.map((s) => s.reason)).toEqual(['Thanksgiving Day', 'Day after Thanksgiving', 'Saturday', 'Sunday']);
  });

  it('business days skip weekends and the county’s holidays, naming each', () => {
    const r = computeDue(rule('business-days', 3), '2026-11-25T10:00:00-08:00', county);
    expect(r.dueDate).toBe('2026-12-02');
    expect(r.explanation.skipped).toEqual([
      { date: '2026-11-26', reason: 'Thanksgiving Day' },
      { date: '2026-11-27', reason: 'Day after Thanksgiving' },
      { date: '2026-11-28', reason: 'Saturday' },
      { date: '2026-11-29', reason: 'Sunday' },
    ]);
  });

  it('court days follow the court calendar (CCP 135): MLK Day closes the court, not the county', () => {
    const start = '2027-01-15T11:00:00-08:00'; // Friday
    expect(computeDue(rule('court-days', 1), start, court).dueDate).toBe('2027-01-19');
    expect(computeDue(rule('business-days', 1), start, county).dueDate).toBe('2027-01-18');
  });

  it('15 court days for a jurisdiction hearing across Christmas and New Year', () => {
    const r = computeDue(rule('court-days', 15, { citation: 'WIC 334' }), '2026-12-18T14:00:00-08:00', court);
    // Dec 21–24 (4), Dec 28–31 (8), Jan 4–8 (13), Jan 11–12 (15); Dec 25 and Jan 1 are holidays.
    expect(r.dueDate).toBe('2027-01-12');
    expect(r.explanation.skipped.filter((s) => !['Saturday', 'Sunday'].includes(s.reason))).toEqual([
      { date: '2026-12-25', reason: 'Christmas Day' },
      { date: '2027-01-01', reason: "New Year's Day" },
    ]);
  });

  it('24 hours across the November daylight-saving change are 24 elapsed hours, not rolled', () => {
    const r = computeDue(rule('hours', 24), '2026-10-31T12:00:00-07:00', county);
    expect(r.dueAt).toBe('2026-11-01T11:00:00.000-08:00');
    expect(r.dueDate).toBeNull();
    expect(DateTime.fromISO(r.dueAt!).diff(DateTime.fromISO('2026-10-31T12:00:00-07:00'), 'hours').hours).toBe(24);
    // A Saturday landing does not move an hour-based limit.
    expect(computeDue(rule('hours', 24), '2026-12-04T09:00:00-08:00', county).dueAt).toBe('2026-12-05T09:00:00.000-08:00');
  });

  it('calendar days across the March daylight-saving change keep the local day', () => {
    const r = computeDue(rule('calendar-days', 10), '2027-03-10T15:00:00-08:00', county);
    expect(r.dueAt).toBe('2027-03-22T23:59:59.999-07:00'); // day 10 is Sat 20 Mar → Mon 22 Mar, now PDT
  });

  it('48 hours excluding non-court days (WIC 313): a Friday detention is due Tuesday', () => {
    const r = computeDue(rule('hours-excluding-non-court-days', 48, { citation: 'WIC 313(a)' }), '2026-11-20T10:00:00-08:00', court);
    expect(r.dueAt).toBe('2026-11-24T10:00:00.000-08:00');
    expect(r.explanation.skipped).toEqual([
      { date: '2026-11-21', reason: 'Saturday' },
      { date: '2026-11-22', reason: 'Sunday' },
    ]);
  });

  it('months: month ends clamp, leap years count, closed last days roll', () => {
    expect(computeDue(rule('months', 6), '2027-08-31T10:00:00-07:00', county).dueDate).toBe('2028-02-29');
    expect(computeDue(rule('months', 1), '2027-01-31T10:00:00-08:00', county).dueDate).toBe('2027-03-01'); // 28 Feb 2027 is a Sunday
    expect(computeDue(rule('months', 6), '2026-12-25T10:00:00-08:00', county).dueDate).toBe('2027-06-25');
  });

  it('month ends in calendar days', () => {
    expect(computeDue(rule('calendar-days', 30), '2027-01-31T10:00:00-08:00', county).dueDate).toBe('2027-03-02');
  });

  it('pauses stop the clock; extensions add time; both are explained', () => {
    const base = rule('calendar-days', 20, { id: 'calworks.wtw.compliance-period' });
    const paused = computeDue(base, '2026-11-24T09:00:00-08:00', county, {
      pauses: [{ from: '2026-11-30T10:00:00-08:00', to: '2026-12-03T09:00:00-08:00', reasonCode: 'hearing-pending', by: 'sup-1' }],
      extensions: [{ length: 5, reasonCode: 'good-cause-review', by: 'sup-1', at: '2026-12-04T09:00:00-08:00' }],
    });
    expect(paused.explanation.totalLength).toBe(28);
    expect(paused.dueDate).toBe('2026-12-22');
    expect(paused.explanation.summary).toContain('Extended by 5 calendar days by staff. Reason: good cause review.');
    expect(paused.explanation.summary).toMatch(/Paused .* \(a hearing is pending\): 3 calendar days added/);
    expect(paused.explanation.summary).not.toContain('sup-1');
    expect(paused.explanation.summary).not.toMatch(/hearing-pending|good-cause-review/);
    expect(paused.explanation.extensions[0]).toMatchObject({ reasonCode: 'good-cause-review', by: 'sup-1' });
    const open = computeDue(base, '2026-11-24T09:00:00-08:00', county, {
      pauses: [{ from: '2026-11-30T10:00:00-08:00', reasonCode: 'hearing-pending', by: 'sup-1' }],
    });
    expect(open.dueAt).toBeNull();
    expect(open.explanation.pausedSince).toBe('2026-11-30T10:00:00-08:00');
  });

  it('an order can set the date, and the explanation says so', () => {
    const r = computeDue(rule('court-days', 15), '2026-12-18T14:00:00-08:00', court, {
      override: { dueDate: '2027-01-20', reasonCode: 'continuance-wic-352', by: STAFF, at: '2027-01-05T10:00:00-08:00' },
    });
    expect(r.dueDate).toBe('2027-01-20');
    expect(r.explanation.override).toMatchObject({ reasonCode: 'continuance-wic-352', by: STAFF, direction: 'later' });
    expect(r.explanation.summary).toContain(
      'Set to Wed 20 Jan 2027 by the court instead of the computed date, Tue 12 Jan 2027. Reason: continued by the court for good cause (WIC 352).',
    );
    expect(r.explanation.summary).not.toMatch(UUID);
    expect(r.explanation.summary).not.toContain('continuance-wic-352');
    expect(r.explanation.summary).not.toContain('xtended');
  });

  it('an order that sets the date earlier than computed is moved earlier, not extended', () => {
    const r = computeDue(rule('calendar-days', 60), '2026-11-02T10:00:00-08:00', county, {
      override: { dueDate: '2026-11-20', reasonCode: 'due-at-disposition', by: STAFF, at: '2026-11-20T16:00:00-08:00' },
    });
    expect(r.dueDate).toBe('2026-11-20');
    expect(r.explanation.override).toMatchObject({ direction: 'earlier', computedDate: '2027-01-04', by: STAFF });
    expect(r.explanation.summary).toContain(
      'Moved earlier to Fri 20 Nov 2026 by the court, from the computed date, Mon 4 Jan 2027. Reason: the disposition hearing came first.',
    );
    expect(r.explanation.summary).not.toMatch(/xtended|instead of the computed date/);
    expect(r.explanation.summary).not.toMatch(UUID);
    expect(r.explanation.summary).not.toContain('due-at-disposition');
  });

  it('reason codes read as words; unknown codes fall back to a readable form; who is a role, never an id', () => {
    expect(reasonWords('continuance-wic-352')).toBe('continued by the court for good cause (WIC 352)');
    expect(reasonWords('due-at-disposition')).toBe('the disposition hearing came first');
    expect(reasonWords('some_new-code')).toBe('some new code');
    expect(whoActed('continuance-good-cause')).toBe('the court');
    expect(whoActed('some-new-code')).toBe('staff');
  });

  it('a window is said to close on its last day, not to be due', () => {
    const r = computeDue(rule('calendar-days', 30, { kind: 'window' }), '2026-11-02T10:00:00-08:00', county);
    expect(r.dueDate).toBe('2026-12-02');
    expect(r.explanation.summary).toMatch(/^The window closes on Wed 2 Dec 2026, at the end of the day \(PST\)\./);
    expect(r.explanation.summary).not.toMatch(/\bDue\b/);
    const deadline = computeDue(rule('calendar-days', 30), '2026-11-02T10:00:00-08:00', county);
    expect(deadline.explanation.summary).toMatch(/^Due by the end of Wed 2 Dec 2026 \(PST\)\./);
  });

  it("says the rule's status with the date", () => {
    const text = (status: 'confirmed' | 'county' | 'unconfirmed') =>
      computeDue(rule('calendar-days', 10, { status }), '2026-11-02T10:00:00-08:00', county).explanation.summary;
    expect(text('confirmed')).toContain('Rule status: confirmed.');
    expect(text('county')).toContain('Rule status: county practice.');
    expect(text('unconfirmed')).toContain('Rule status: unconfirmed (configurable per county).');
    const paused = computeDue(rule('calendar-days', 10, { status: 'unconfirmed' }), '2026-11-02T10:00:00-08:00', county, {
      pauses: [{ from: '2026-11-03T10:00:00-08:00', reasonCode: 'hearing-pending', by: STAFF }],
    });
    expect(paused.explanation.summary).toContain('Rule status: unconfirmed (configurable per county).');
    expect(paused.explanation.summary).not.toMatch(UUID);
  });

  it('rejects nonsense input', () => {
    expect(() => computeDue(rule('calendar-days', -1), '2026-11-25T00:00:00-08:00', county)).toThrow(/whole number/);
    expect(() => computeDue(rule('calendar-days', 1), 'yesterday', county)).toThrow(/ISO 8601/);
  });
});

describe('computeDue invariants (property-based)', () => {
  const instant = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const countyCal = new BusinessCalendar(county);
  const courtCal = new BusinessCalendar(court);

  it('a business-day or court-day due date never lands on a closure day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), fc.boolean(), (start, n, onCourt) => {
        const r = computeDue(rule(onCourt ? 'court-days' : 'business-days', n), start, onCourt ? court : county);
        return (onCourt ? courtCal : countyCal).isOpen(r.dueDate!);
      }),
      { numRuns: 300 },
    );
  });

  it('a rolled calendar-day due date is open, and never earlier than start + length', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), (start, n) => {
        const r = computeDue(rule('calendar-days', n), start, county);
        const floor = DateTime.fromISO(start, { zone: 'America/Los_Angeles' }).startOf('day').plus({ days: n }).toISODate()!;
        return countyCal.isOpen(r.dueDate!) && r.dueDate! >= floor;
      }),
      { numRuns: 300 },
    );
  });

  it('hour-based due instants are exactly start + N hours, whatever the day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 240 }), (start, n) => {
        const r = computeDue(rule('hours', n), start, county);
        return Date.parse(r.dueAt!) - Date.parse(start) === n * 3_600_000;
      }),
      { numRuns: 300 },
    );
  });

  /** A random county or court calendar: default holidays with some removed, Saturday observance, random closures. */
  const randomCalendar: fc.Arbitrary<CalendarSpec> = fc
    .record({
      onCourt: fc.boolean(),
      remove: fc.subarray(californiaHolidays.map((x) => x.id)),
      satToFri: fc.boolean(),
      closures: fc.array(fc.date({ min: new Date('2024-01-01T12:00:00Z'), max: new Date('2038-12-31T12:00:00Z'), noInvalidDate: true }), {
        maxLength: 40,
      }),
    })
    .map(({ onCourt, remove, satToFri, closures }) =>
      (onCourt ? courtCalendarSpec : countyCalendarSpec)('06085', {
        removeHolidays: remove,
        saturdayToFridayForAll: satToFri,
        closures: closures.map((d, i) => ({ date: d.toISOString().slice(0, 10), name: `closure ${i}` })),
      }),
    );

  it('a "no later than" (backward) due date is never after its limit, and is open unless no open day follows the start', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom('months', 'calendar-days') as fc.Arbitrary<DueRule['basis']>,
        randomCalendar,
        (start, n, basis, spec) => {
          const r = computeDue(
            rule(basis, basis === 'months' ? n : n * 10, { rollDirection: 'backward', rollReason: 'limit', rollSource: 'test' }),
            start,
            spec,
          );
          const startDay = DateTime.fromISO(start, { zone: 'America/Los_Angeles' }).startOf('day');
          const limit = (basis === 'months' ? startDay.plus({ months: n }) : startDay.plus({ days: n * 10 })).toISODate()!;
          const cal = new BusinessCalendar(spec);
          return r.dueDate! <= limit && r.dueDate! > startDay.toISODate()! && (cal.isOpen(r.dueDate!) || r.dueDate === limit);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('full calendar months end on the last day of the Nth full month, never counting a prorated first month', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 12 }), randomCalendar, (start, n, spec) => {
        const r = computeDue(rule('full-calendar-months', n, { rollDirection: 'none' }), start, spec);
        const startDay = DateTime.fromISO(start, { zone: 'America/Los_Angeles' }).startOf('day');
        const due = DateTime.fromISO(r.dueDate!, { zone: 'America/Los_Angeles' });
        const firstFull = startDay.day === 1 ? startDay : startDay.plus({ months: 1 }).startOf('month');
        const months = (due.year - firstFull.year) * 12 + (due.month - firstFull.month) + 1;
        return due.day === due.daysInMonth && months === n && (r.explanation.proratedMonth !== undefined) === (startDay.day !== 1);
      }),
      { numRuns: 400 },
    );
  });

  it('more time never makes a deadline earlier', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(
          'calendar-days',
          'business-days',
          'court-days',
          'months',
          'full-calendar-months',
          'hours-excluding-non-court-days',
        ) as fc.Arbitrary<DueRule['basis']>,
        (start, n, basis) => {
          const cal = basis === 'court-days' || basis === 'hours-excluding-non-court-days' ? court : county;
          return Date.parse(computeDue(rule(basis, n + 1), start, cal).dueAt!) >= Date.parse(computeDue(rule(basis, n), start, cal).dueAt!);
        },
      ),
      { numRuns: 300 },
    );
  });
});
