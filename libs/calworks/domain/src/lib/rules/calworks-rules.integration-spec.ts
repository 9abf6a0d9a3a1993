import { PolicyRegistry } from '@linkages/platform-deadlines';
import { ruleScenarios, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { calworksRules } from './calworks.rules';

/** CalWORKs' rules as the service composes them (apps/calworks/src/rules.ts), every county on state defaults. */
const policyRegistry = new PolicyRegistry(calworksRules);

/**
 * The CalWORKs rules added or corrected for issue 11 at their real duration in the time-skipping test server: the
 * due instant is worked out by hand (RULES.md sections 3, 4 and 6; the county calendar of libs/platform/deadlines:
 * Gov. Code 6700 holidays a county is bound by, without MLK Day or Cesar Chavez Day, Gov. Code 6701 observance),
 * never by calling computeDue. For each rule the test proves the durable deadline's view (due instant, calendar,
 * skipped days, the explanation naming the citation) and that its `due` event is not emitted a second before that
 * instant and is emitted right at it.
 *
 * One test server for the whole file, and its clock only moves forward: the scenarios are in chronological order
 * (Jan 2027 → Sep 2029), each starting after the previous one's last time travel. Once the real clock is past the
 * first scenario every date moves by whole 28-year cycles (ruleScenarios `y()`), where weekdays, holidays and DST repeat.
 */

const COUNTY = '06085';
const EC = '55555555-5555-4555-8555-555555555555';
const FIRST_START = '2027-01-15T16:00:00-08:00';

const scenarios = ruleScenarios({
  service: 'calworks',
  registry: policyRegistry,
  firstStart: FIRST_START,
  countyCode: COUNTY,
  closedBy: EC,
});
const { y, arriveAt, close, prove, expectDueEventAt } = scenarios;
let h: DeadlineHarness;

interface View {
  deadlineId: string;
  due: { dueAt: string | null; explanation: { summary: string } };
}

describe('CalWORKs deadline rules at their real durations (time-skipping test server, hand-computed due dates)', () => {
  beforeAll(async () => {
    h = await scenarios.start();
  }, 120_000);
  afterAll(async () => {
    await scenarios.stop();
  });

  it('calworks.wtw.sanction-review: request Fri 15 Jan 2027 16:00 → 1 working day → Mon 18 Jan (MLK Day is not a county holiday by default)', async () => {
    // 1 business day of the county calendar after Fri 15 Jan 2027: Sat 16 and Sun 17 are not counted; Mon 18 Jan is
    // MLK Day, which binds a county only if adopted (Gov. Code 6700(b)), so it is open and is the working day →
    // due Mon 18 Jan 23:59:59.999 PST.
    await prove({
      rule: 'calworks.wtw.sanction-review',
      cites: 'Implementing a WTW Sanction',
      calendar: 'county',
      start: FIRST_START,
      due: '2027-01-18T23:59:59.999-08:00',
      skipped: ['2027-01-16 (Saturday)', '2027-01-17 (Sunday)'],
    });
  }, 60_000);

  it('calworks.wtw.sb80-child-care-good-cause: Fri 5 Feb 2027 → day 15 Sat 20 Feb (not moved); one 15-day increment → Sun 7 Mar; no third', async () => {
    // 15 calendar days from Fri 5 Feb 2027 (first day not counted): day 15 = Sat 20 Feb. A good-cause period does
    // not roll (rollDirection none). One extension of 15 days (SB 80: 15-day increments, 30 days at most): day 30 =
    // Sun 7 Mar 2027 (Feb has 28 days), still PST (DST starts Sun 14 Mar), not moved. A second extension is refused (max 1).
    const start = y('2027-02-05T09:00:00-08:00');
    await arriveAt(start);
    const handle = await h.start('calworks.wtw.sb80-child-care-good-cause', start);
    const first = (await handle.query('deadlineView')) as View;
    expect(first.due.dueAt).toBe(y('2027-02-20T23:59:59.999-08:00'));
    expect(first.due.explanation.summary).toContain(y('The last day, 2027-02-20, is closed (Saturday) and is not moved'));
    await h.travelTo(y('2027-02-19T09:00:00-08:00'));
    const extended = (await handle.executeUpdate('extend', {
      args: [{ length: 15, reasonCode: 'child-care-still-being-arranged-sb80', by: EC }],
    })) as View;
    expect(extended.due.dueAt).toBe(y('2027-03-07T23:59:59.999-08:00'));
    await expect(
      handle.executeUpdate('extend', { args: [{ length: 15, reasonCode: 'child-care-still-being-arranged-sb80', by: EC }] }),
    ).rejects.toThrow();
    await expectDueEventAt(handle, first.deadlineId, y('2027-03-07T23:59:59.999-08:00'));
    await close(handle);
  }, 60_000);

  it('calworks.wtw.ab2300-exemption: birth Fri 12 Mar 2027 → 12 weeks (84 days) → Fri 4 Jun 2027, across the DST change', async () => {
    // 84 calendar days from Fri 12 Mar 2027 (first day not counted) = exactly 12 weeks → Fri 4 Jun 2027, an open day.
    // The start is PST, the due instant PDT (DST began Sun 14 Mar 2027): end of day 23:59:59.999-07:00.
    await prove({
      rule: 'calworks.wtw.ab2300-exemption',
      cites: 'AB 2300',
      calendar: 'county',
      start: '2027-03-12T10:00:00-08:00',
      due: '2027-06-04T23:59:59.999-07:00',
      says: ['84 calendar days'],
    });
  }, 60_000);

  it('calworks.fr.ab429-redetermination: case plan Fri 2 Jul 2027 → 6 months Sun 2 Jan 2028 → back to Fri 31 Dec 2027 (CCP 12a: Mon 3 Jan)', async () => {
    // 6 calendar months from Fri 2 Jul 2027 → Sun 2 Jan 2028, closed; Sat 1 Jan (New Year's Day on a Saturday is not
    // observed on Friday: Gov. Code 6701 moves only Veterans Day) is closed too → Fri 31 Dec 2027, open → due
    // 23:59:59.999 PST (the start is PDT). Forward (CCP 12a) would be Mon 3 Jan 2028 (no Monday observance either).
    await prove({
      rule: 'calworks.fr.ab429-redetermination',
      cites: 'AB 429',
      calendar: 'county',
      start: '2027-07-02T10:00:00-07:00',
      due: '2027-12-31T23:59:59.999-08:00',
      skipped: ['2028-01-02 (Sunday)', '2028-01-01 (Saturday)'],
      rolledBack: ['2028-01-02', '2027-12-31', '2028-01-03'],
      says: ['6 calendar months'],
    });
  }, 60_000);

  it('calworks.wtw.aid-restoration-month: cure contact Thu 13 Apr 2028 → restoration set by Sun 30 Apr (not moved), aid from Mon 1 May', async () => {
    // Calendar months, length 1: the contact month counts as the first; the due date is its last day, Sun 30 Apr
    // 2028 (PDT). Aid months are calendar months: not moved; aid is restored the next day, the 1st (LA DPSS GAIN 1370).
    await prove({
      rule: 'calworks.wtw.aid-restoration-month',
      cites: 'GAIN 1370',
      calendar: 'county',
      start: '2028-04-13T11:00:00-07:00',
      due: '2028-04-30T23:59:59.999-07:00',
      says: ['1 calendar month counting the month of', 'The last day, 2028-04-30, is closed (Sunday) and is not moved'],
    });
  }, 60_000);

  it('calworks.hearing.state-hearing-request: action effective Sat 12 Aug 2028 → day 90 Fri 10 Nov (Veterans Day observed) → Mon 13 Nov', async () => {
    // 90 calendar days from Sat 12 Aug 2028 (first day not counted): 31 Aug = day 19, 30 Sep = day 49, 31 Oct = day
    // 80, Fri 10 Nov = day 90. Veterans Day falls on Sat 11 Nov 2028 and is observed Fri 10 Nov (Gov. Code 6701);
    // Sat 11, Sun 12 closed → CCP 12a: Mon 13 Nov. Start PDT, due PST (DST ended Sun 5 Nov 2028).
    await prove({
      rule: 'calworks.hearing.state-hearing-request',
      cites: 'MPP 22-009.1',
      calendar: 'county',
      start: '2028-08-12T00:00:00-07:00',
      due: '2028-11-13T23:59:59.999-08:00',
      skipped: ['2028-11-10 (Veterans Day (observed; falls on 2028-11-11))', '2028-11-11 (Saturday)', '2028-11-12 (Sunday)'],
      rolled: ['2028-11-10', '2028-11-13'],
    });
  }, 60_000);

  it('calworks.wtw.cure-plan (10 days confirmed, basis open): cure request Fri 2 Feb 2029 → day 10 Mon 12 Feb (Lincoln Day) → Tue 13 Feb', async () => {
    // 10 calendar days (the default basis; RULES.md 6: basis unconfirmed) from Fri 2 Feb 2029: day 10 = Mon 12 Feb,
    // Lincoln's Birthday, a county holiday (Gov. Code 6700) → CCP 12a: Tue 13 Feb 2029 (PST).
    await prove({
      rule: 'calworks.wtw.cure-plan',
      cites: 'ACL 07-04',
      calendar: 'county',
      start: '2029-02-02T14:00:00-08:00',
      due: '2029-02-13T23:59:59.999-08:00',
      skipped: ["2029-02-12 (Lincoln's Birthday)"],
      rolled: ['2029-02-12', '2029-02-13'],
    });
  }, 60_000);

  it('calworks.fr.ab429-services (180 days, confirmed): removal Mon 5 Mar 2029 → day 180 Sat 1 Sep → Labor Day weekend → Tue 4 Sep', async () => {
    // 180 calendar days from Mon 5 Mar 2029: 31 Mar = day 26, 30 Apr = 56, 31 May = 87, 30 Jun = 117, 31 Jul = 148,
    // 31 Aug = 179, Sat 1 Sep = 180. Sat 1, Sun 2 and Mon 3 Sep (Labor Day, 1st Monday of September) are closed →
    // CCP 12a: Tue 4 Sep 2029. Start PST, due PDT (DST began Sun 11 Mar 2029).
    await prove({
      rule: 'calworks.fr.ab429-services',
      cites: 'ACL 02-36',
      calendar: 'county',
      start: '2029-03-05T10:00:00-08:00',
      due: '2029-09-04T23:59:59.999-07:00',
      skipped: ['2029-09-01 (Saturday)', '2029-09-02 (Sunday)', '2029-09-03 (Labor Day)'],
      rolled: ['2029-09-01', '2029-09-04'],
    });
  }, 60_000);

  it('calworks.fr.removal-member-confirmation (county: "immediately", 24 hours): notice Sat 3 Nov 2029 22:30 PDT → across the fall-back → Sun 4 Nov 21:30 PST', async () => {
    // 24 elapsed hours: 22:30 PDT Sat → 02:00 PDT Sun = 3.5 h; clocks go back to 01:00 PST; 01:00 → 21:30 PST = 20.5 h.
    await prove({
      rule: 'calworks.fr.removal-member-confirmation',
      cites: 'DCFS 5230',
      calendar: 'county',
      hourly: true,
      start: '2029-11-03T22:30:00-07:00',
      due: '2029-11-04T21:30:00.000-08:00',
      says: ['24 hours from the removal notice received by CalWORKs of '],
    });
  }, 60_000);

  it('calworks.fr.unmatched-case-number-review (1 business day, unconfirmed): event Wed 21 Nov 2029 → Thanksgiving, the day after, the weekend → Mon 26 Nov', async () => {
    // Thanksgiving 2029 is Thu 22 Nov (1 Nov is a Thursday); the day after is a California state holiday.
    await prove({
      rule: 'calworks.fr.unmatched-case-number-review',
      cites: 'Linkages protocol',
      calendar: 'county',
      start: '2029-11-21T15:00:00-08:00',
      due: '2029-11-26T23:59:59.999-08:00',
      skipped: ['2029-11-22 (Thanksgiving Day)', '2029-11-23 (Day after Thanksgiving)', '2029-11-24 (Saturday)', '2029-11-25 (Sunday)'],
    });
  }, 60_000);

  it("calworks.fr.cash-aid-recommendation-follow-up (1 business day, unconfirmed): absence month ends Mon 31 Dec 2029 → New Year's Day → Wed 2 Jan 2030", async () => {
    await prove({
      rule: 'calworks.fr.cash-aid-recommendation-follow-up',
      cites: 'ACL 25-05',
      calendar: 'county',
      start: '2029-12-31T23:59:59.999-08:00',
      due: '2030-01-02T23:59:59.999-08:00',
      skipped: ["2030-01-01 (New Year's Day)"],
    });
  }, 60_000);
});
