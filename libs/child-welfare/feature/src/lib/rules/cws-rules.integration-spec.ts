import { PolicyRegistry } from '@linkages/platform-deadlines';
import { cwsRules } from '@linkages/child-welfare-domain';
import { ruleScenarios, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { deadlineViewQuery, extendUpdate } from '@linkages/platform-deadline-workflows';

/** Child welfare's rules as the service composes them (apps/child-welfare/src/rules.ts), every county on state defaults. */
const policyRegistry = new PolicyRegistry(cwsRules);

/**
 * Every child-welfare deadline rule at its real duration in the time-skipping test server: the due instant is
 * worked out by hand (RULES.md sections 1, 2, 6 and 9; the holiday rules of libs/platform/deadlines), never by
 * calling computeDue. For each rule the test proves the durable deadline's view (due instant, calendar, skipped
 * days, the explanation naming the citation) and that its `due` event is not emitted a second before that instant
 * and is emitted right at it.
 *
 * One test server for the whole file, and its clock only moves forward: the scenarios are in chronological order
 * (Jan 2027 → Feb 2037), each starting after the previous one's last time travel.
 *
 * The test server starts at the real current time. Once that is past the first scenario (15 Jan 2027), every date
 * below is moved forward by 28 years (2027 → 2055…): between 1901 and 2099 the Gregorian calendar repeats its
 * weekdays exactly every 28 years, and every holiday rule in play (fixed dates with Sunday/Saturday observance, nth
 * weekdays, the day after Thanksgiving) and the US daylight-saving rule (2nd Sunday of March, 1st Sunday of
 * November) depend only on date and weekday, so each hand-computed expectation holds unchanged in the shifted year.
 */

const COUNTY = '06085';
const CSW = '44444444-4444-4444-8444-444444444444';
const COURT_CLERK = '66666666-6666-4666-8666-666666666666';
const FIRST_START = '2027-01-15T15:00:00-08:00';

const scenarios = ruleScenarios({
  service: 'child-welfare',
  registry: policyRegistry,
  firstStart: FIRST_START,
  countyCode: COUNTY,
  closedBy: CSW,
});
const { y, ms, iso, arriveAt, close, prove, dueEvents, expectDueEventAt } = scenarios;
const MINUTE = 60_000;
let h: DeadlineHarness;

describe('child-welfare deadline rules at their real durations (time-skipping test server, hand-computed due dates)', () => {
  beforeAll(async () => {
    h = await scenarios.start();
  }, 120_000);
  afterAll(async () => {
    await scenarios.stop();
  });

  it('cws.court.petition-filing: custody Fri 15 Jan 2027 15:00, Monday MLK Day court holiday → petition due Wed 20 Jan 15:00', async () => {
    // 48 hours excluding non-court days (WIC 313(a)), court calendar: Fri 15:00 → midnight = 9 h; Sat 16, Sun 17
    // and Mon 18 (MLK Day, CCP 135) are not counted; Tue 19 = 24 h (33); 15 more hours on Wed 20 → 15:00 PST.
    // (Plain 48 h would be Sun 17 15:00; the county calendar, which does not close on MLK Day, would give Tue 19 15:00.)
    await prove({
      rule: 'cws.court.petition-filing',
      cites: 'WIC 313(a)',
      calendar: 'court',
      hourly: true,
      start: '2027-01-15T15:00:00-08:00',
      due: '2027-01-20T15:00:00.000-08:00',
      skipped: ['2027-01-16 (Saturday)', '2027-01-17 (Sunday)', '2027-01-18 (Martin Luther King, Jr. Day)'],
      says: ['48 hours (non-court days excluded)'],
    });
  }, 60_000);

  it('cws.court.detention-hearing: petition filed Thu 11 Feb 2027 → next judicial day is Tue 16 Feb (Lincoln’s Birthday, weekend, Presidents’ Day)', async () => {
    // Next judicial day after filing (WIC 315): Fri 12 Feb is Lincoln's Birthday (Gov. Code 6700(a)(4), a judicial
    // holiday under CCP 135), Sat 13, Sun 14, Mon 15 is Presidents' Day (3rd Monday of February) → Tue 16 Feb.
    await prove({
      rule: 'cws.court.detention-hearing',
      cites: 'WIC 315',
      calendar: 'court',
      start: '2027-02-11T11:00:00-08:00',
      due: '2027-02-16T23:59:59.999-08:00',
      skipped: [
        "2027-02-12 (Lincoln's Birthday)",
        '2027-02-13 (Saturday)',
        '2027-02-14 (Sunday)',
        "2027-02-15 (Washington's Birthday (Presidents' Day))",
      ],
      says: ['1 court day'],
    });
  }, 60_000);

  it('cws.er.investigation-disposition: first contact Wed 17 Feb 2027 → 30 days, Fri 19 Mar; a county configured at 45 days → Sat 3 Apr rolls to Mon 5 Apr', async () => {
    // State default (LA DCFS 0070-548.10, a county rule, so configurable): 30 calendar days, first day excluded.
    // February 2027 has 28 days: 28 Feb is day 11, 19 Mar is day 30 (a Friday, open; PDT since 14 Mar).
    // County configuration (test fixture) of 45 days: 31 Mar is day 42, Sat 3 Apr is day 45 → closed; Sun 4 →
    // Mon 5 Apr (CCP 12a).
    const rule = 'cws.er.investigation-disposition';
    const start = y('2027-02-17T09:30:00-08:00');
    const stateDue = y('2027-03-19T23:59:59.999-07:00');
    const countyDue = y('2027-04-05T23:59:59.999-07:00');
    const registry = new PolicyRegistry(cwsRules, {
      [COUNTY]: {
        name: 'Santa Clara (test fixture)',
        rules: { [rule]: { length: 45, source: 'Test fixture: a county ER manual allowing 45 days (not a real policy)' } },
      },
    });
    const configured = registry.rule(rule, COUNTY);
    expect(policyRegistry.rule(rule, COUNTY).length).toBe(30);
    expect(configured.length).toBe(45);
    expect(configured.source).toMatch(/county 06085 configuration/);

    await arriveAt(start);
    const stateHandle = await h.start(rule, start);
    const countyHandle = await h.start(rule, start, { policy: configured, calendar: registry.calendarFor(configured, COUNTY) });
    const stateView = await stateHandle.query(deadlineViewQuery);
    const countyView = await countyHandle.query(deadlineViewQuery);
    expect(stateView.due.dueAt).toBe(stateDue);
    expect(stateView.due.explanation.rolledForward).toBeUndefined();
    expect(stateView.due.explanation.summary).toContain('LA DCFS 0070-548.10');
    expect(stateView.due.explanation.summary).toContain('30 calendar days');
    expect(countyView.due.dueAt).toBe(countyDue);
    expect(countyView.due.explanation.length).toBe(45);
    expect(countyView.due.explanation.rolledForward).toEqual({ from: y('2027-04-03'), to: y('2027-04-05') });
    expect(countyView.due.explanation.summary).toContain('LA DCFS 0070-548.10');
    expect(countyView.due.explanation.summary).toContain('45 calendar days');
    expect(countyView.due.explanation.summary).toContain(
      y('The last day, 2027-04-03, is closed; moved to 2027-04-05 past 2027-04-03 (Saturday), 2027-04-04 (Sunday) (CCP 12a)'),
    );

    await expectDueEventAt(stateHandle, stateView.deadlineId, stateDue);
    expect(await dueEvents(countyView.deadlineId)).toEqual([]); // the configured deadline is not due at the state date
    await expectDueEventAt(countyHandle, countyView.deadlineId, countyDue);
    for (const handle of [stateHandle, countyHandle]) await close(handle);
  }, 60_000);

  it('cws.court.jurisdiction-not-detained: petition Thu 29 Apr 2027 → day 30 Sat 29 May; Memorial Day weekend → Tue 1 Jun', async () => {
    // 30 calendar days (WIC 334): 30 Apr is day 1, Sat 29 May is day 30 → closed; Sun 30; Mon 31 is Memorial Day
    // (last Monday of May, a judicial holiday) → Tue 1 Jun (CCP 12a, court calendar).
    await prove({
      rule: 'cws.court.jurisdiction-not-detained',
      cites: 'WIC 334',
      calendar: 'court',
      start: '2027-04-29T10:00:00-07:00',
      due: '2027-06-01T23:59:59.999-07:00',
      skipped: ['2027-05-29 (Saturday)', '2027-05-30 (Sunday)', '2027-05-31 (Memorial Day)'],
      rolled: ['2027-05-29', '2027-06-01'],
    });
  }, 60_000);

  it('cws.case.first-cft-meeting-icwa: placement Thu 3 Jun 2027 → day 30 Sat 3 Jul; 4 July on a Sunday is observed Monday → Tue 6 Jul', async () => {
    // 30 calendar days (ICWA case, ACL 22-35): 30 Jun is day 27, Sat 3 Jul is day 30 → closed; Sun 4 Jul; Mon 5 Jul
    // is Independence Day observed (Gov. Code 6701: a Sunday holiday is observed on the Monday) → Tue 6 Jul.
    await prove({
      rule: 'cws.case.first-cft-meeting-icwa',
      cites: 'ACL 22-35',
      calendar: 'county',
      start: '2027-06-03T14:00:00-07:00',
      due: '2027-07-06T23:59:59.999-07:00',
      skipped: ['2027-07-03 (Saturday)', '2027-07-04 (Sunday)', '2027-07-05 (Independence Day (observed; falls on 2027-07-04))'],
      rolled: ['2027-07-03', '2027-07-06'],
    });
  }, 60_000);

  it('cws.case.initial-case-plan: removal Thu 8 Jul 2027 → day 60 is Labor Day Mon 6 Sep → Tue 7 Sep', async () => {
    // 60 calendar days (WIC 16501.1): 31 Jul is day 23, 31 Aug is day 54, Mon 6 Sep is day 60 = Labor Day (1st
    // Monday of September, a county holiday) → Tue 7 Sep.
    await prove({
      rule: 'cws.case.initial-case-plan',
      cites: 'WIC 16501.1',
      calendar: 'county',
      start: '2027-07-08T09:00:00-07:00',
      due: '2027-09-07T23:59:59.999-07:00',
      skipped: ['2027-09-06 (Labor Day)'],
      rolled: ['2027-09-06', '2027-09-07'],
    });
  }, 60_000);

  it('cws.er.immediate-response: accepted Sat 6 Nov 2027 20:00 PDT → 24 elapsed hours across the fall-back → Sun 7 Nov 19:00 PST, not rolled', async () => {
    // 24 hours (Division 31), elapsed time: 20:00 PDT → 02:00 PDT Sunday = 6 h; clocks go back to 01:00 PST;
    // 01:00 → 19:00 PST = 18 h; 6 + 18 = 24 h. (20:00 wall-clock would be 25 h.) Hour limits never roll, so a
    // Sunday landing stays on Sunday.
    const view = await prove({
      rule: 'cws.er.immediate-response',
      cites: 'WIC 16501(f)',
      calendar: 'county',
      hourly: true,
      start: '2027-11-06T20:00:00-07:00',
      due: '2027-11-07T19:00:00.000-08:00',
      says: ['24 hours from', 'Division 31'],
    });
    expect(ms(view.due.dueAt!) - ms(view.startAt)).toBe(24 * 3_600_000);
  }, 60_000);

  it('cws.er.ten-day-response: accepted Wed 24 Nov 2027 (eve of Thanksgiving) → day 10 Sat 4 Dec, kept (ER runs every day); a county applying CCP 12a → Mon 6 Dec', async () => {
    // 10 calendar days (WIC 16501(f)): first day excluded, so Thanksgiving (25 Nov) is day 1 and the day after is
    // day 2 — calendar days count holidays. Day 10 is Sat 4 Dec. State default (rollDirection none): emergency
    // response is a 24-hour system (WIC 16504), so day 10 stands: due Sat 4 Dec 23:59:59.999 PST.
    // County configuration (test fixture) rollDirection forward (CCP 12a): Sat 4 Dec → Sun 5 Dec → Mon 6 Dec.
    const rule = 'cws.er.ten-day-response';
    const start = y('2027-11-24T16:40:00-08:00');
    const stateDue = y('2027-12-04T23:59:59.999-08:00');
    const countyDue = y('2027-12-06T23:59:59.999-08:00');
    const registry = new PolicyRegistry(cwsRules, {
      [COUNTY]: {
        name: 'Santa Clara (test fixture)',
        rules: { [rule]: { rollDirection: 'forward', source: 'Test fixture: a county applying CCP 12a to the 10-day response' } },
      },
    });
    const configured = registry.rule(rule, COUNTY);
    expect(() => new PolicyRegistry(cwsRules, { [COUNTY]: { name: 'x', rules: { [rule]: { length: 14, source: 'x' } } } })).toThrow(
      `cannot change 'length' of '${rule}'`,
    );

    await arriveAt(start);
    const stateHandle = await h.start(rule, start);
    const countyHandle = await h.start(rule, start, { policy: configured, calendar: registry.calendarFor(configured, COUNTY) });
    const stateView = await stateHandle.query(deadlineViewQuery);
    const countyView = await countyHandle.query(deadlineViewQuery);
    expect(stateView.due.dueAt).toBe(stateDue);
    expect(stateView.due.explanation.rolledForward).toBeUndefined();
    expect(stateView.due.explanation.notRolled).toEqual({ date: y('2027-12-04'), reason: 'Saturday' });
    expect(stateView.due.explanation.summary).toContain('WIC 16501(f)');
    expect(stateView.due.explanation.summary).toContain('10 calendar days');
    expect(stateView.due.explanation.summary).toContain(
      y('The last day, 2027-12-04, is closed (Saturday) and is not moved: Emergency response runs every day (a 24-hour system, WIC 16504)'),
    );
    expect(countyView.due.dueAt).toBe(countyDue);
    expect(countyView.due.explanation.rolledForward).toEqual({ from: y('2027-12-04'), to: y('2027-12-06') });
    expect(countyView.due.explanation.summary).toContain(
      y('The last day, 2027-12-04, is closed; moved to 2027-12-06 past 2027-12-04 (Saturday), 2027-12-05 (Sunday) (CCP 12a)'),
    );
    expect(countyView.due.explanation.summary).toContain(`Forward: County ${COUNTY} configuration: forward, per Test fixture`);

    await expectDueEventAt(stateHandle, stateView.deadlineId, stateDue);
    expect(await dueEvents(countyView.deadlineId)).toEqual([]); // the county's deadline is not due on the Saturday
    await expectDueEventAt(countyHandle, countyView.deadlineId, countyDue);
    for (const handle of [stateHandle, countyHandle]) await close(handle);
  }, 60_000);

  it('a continuance moves cws.court.jurisdiction-detained: detained Mon 3 Jan 2028 → 15 court days Tue 25 Jan; continued to Tue 8 Feb (WIC 352)', async () => {
    // 15 court days from Mon 3 Jan: 4–7 Jan (4), 10–14 Jan (9), Mon 17 Jan is MLK Day (judicial holiday), 18–21 Jan
    // (13), 24–25 Jan (15) → Tue 25 Jan. On Thu 20 Jan the court continues the hearing to Tue 8 Feb.
    const start = y('2028-01-03T10:00:00-08:00');
    const computedDue = y('2028-01-25T23:59:59.999-08:00');
    const orderedDate = y('2028-02-08');
    const orderedDue = y('2028-02-08T23:59:59.999-08:00');
    await arriveAt(start);
    const handle = await h.start('cws.court.jurisdiction-detained', start);
    const first = await handle.query(deadlineViewQuery);
    expect(first.due.dueAt).toBe(computedDue);
    expect(first.due.explanation.summary).toContain('WIC 334');
    expect(first.due.explanation.summary).toContain(y('2028-01-17 (Martin Luther King, Jr. Day)'));

    await h.travelTo(y('2028-01-20T10:00:00-08:00'));
    const continued = await handle.executeUpdate(extendUpdate, {
      args: [{ dueDate: orderedDate, reasonCode: 'continuance-wic-352', by: COURT_CLERK }],
    });
    expect(continued.due.dueAt).toBe(orderedDue);
    expect(continued.due.dueDate).toBe(orderedDate);
    expect(continued.due.explanation.override).toMatchObject({ dueDate: orderedDate, reasonCode: 'continuance-wic-352', by: COURT_CLERK });
    expect(continued.due.explanation.override).toMatchObject({ direction: 'later' });
    expect(continued.due.explanation.summary).toContain(
      // Weekdays hold across y()'s 28-year shifts; the year is the shifted one.
      `Set to Tue 8 Feb ${orderedDate.slice(0, 4)} by the court instead of the computed date, Tue 25 Jan ${computedDue.slice(0, 4)}. Reason: continued by the court for good cause (WIC 352).`,
    );
    expect(continued.due.explanation.summary).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(continued.due.explanation.summary).not.toContain('continuance-wic-352');
    expect(continued.due.explanation.summary).toContain('WIC 334');
    expect((await handle.query(deadlineViewQuery)).due.dueAt).toBe(orderedDue);
    const extended = (await h.events(first.deadlineId)).filter((e) => e.type === 'deadline-extended');
    expect(extended).toHaveLength(1);
    expect(extended[0]!.data).toMatchObject({ reasonCode: 'continuance-wic-352', extendedBy: COURT_CLERK, direction: 'later' });
    expect(ms(extended[0]!.data['previousDueAt'] as string)).toBe(ms(computedDue));
    expect(ms(extended[0]!.data['dueAt'] as string)).toBe(ms(orderedDue));

    // The computed date passes quietly; the due event fires at the end of the ordered date.
    await h.travelTo(iso(ms(computedDue) + MINUTE));
    expect(await dueEvents(first.deadlineId)).toEqual([]);
    expect((await handle.query(deadlineViewQuery)).state.status).toBe('pending');
    await expectDueEventAt(handle, first.deadlineId, orderedDue);
    await close(handle);
  }, 60_000);

  it('cws.case.first-cft-meeting: placement Wed 9 Feb 2028 → 60 days across 29 Feb (leap year) → Sun 9 Apr → Mon 10 Apr', async () => {
    // 60 calendar days (WIC 16501(a)(4); treated as calendar days): 2028 is a leap year, so 29 Feb is day 20,
    // 31 Mar is day 51, Sun 9 Apr is day 60 → Mon 10 Apr (PDT).
    await prove({
      rule: 'cws.case.first-cft-meeting',
      cites: 'ACL 22-35',
      calendar: 'county',
      start: '2028-02-09T10:00:00-08:00',
      due: '2028-04-10T23:59:59.999-07:00',
      skipped: ['2028-04-09 (Sunday)'],
      rolled: ['2028-04-09', '2028-04-10'],
    });
  }, 60_000);

  it('cws.court.six-month-review: disposition Wed 10 May 2028 → limit Fri 10 Nov is Veterans Day observed → back to Thu 9 Nov (CCP 12a would give Mon 13 Nov)', async () => {
    // 6 calendar months (WIC 366.21(e)) → Fri 10 Nov 2028. 11 Nov 2028 is a Saturday, so Veterans Day is observed
    // on Friday 10 Nov (Gov. Code 6701) and the court is closed. A "no later than" limit rolls backward: Thu 9 Nov
    // is open → due Thu 9 Nov 23:59:59.999 PST (DST ended Sun 5 Nov). Forward (CCP 12a) would be Sat 11, Sun 12 →
    // Mon 13 Nov, past the limit.
    await prove({
      rule: 'cws.court.six-month-review',
      cites: 'WIC 366.21(e)',
      calendar: 'court',
      start: '2028-05-10T10:00:00-07:00',
      due: '2028-11-09T23:59:59.999-08:00',
      skipped: ['2028-11-10 (Veterans Day (observed; falls on 2028-11-11))'],
      rolledBack: ['2028-11-10', '2028-11-09', '2028-11-13'],
      says: ['6 calendar months'],
    });
  }, 60_000);

  it('cws.court.jurisdiction-detained: detention order Thu 16 Nov 2028 → 15 court days over Thanksgiving and the day after → Mon 11 Dec', async () => {
    // 15 court days (WIC 334, CRC 5.670(f)): Fri 17 (1); Mon 20–Wed 22 (4); Thu 23 Thanksgiving and Fri 24 (day
    // after Thanksgiving, CCP 135) closed; Mon 27–Fri 1 Dec (9); Mon 4–Fri 8 (14); Mon 11 Dec (15). Without the
    // day-after closure it would be Fri 8 Dec.
    await prove({
      rule: 'cws.court.jurisdiction-detained',
      cites: 'WIC 334',
      calendar: 'court',
      start: '2028-11-16T10:00:00-08:00',
      due: '2028-12-11T23:59:59.999-08:00',
      skipped: [
        '2028-11-18 (Saturday)',
        '2028-11-19 (Sunday)',
        '2028-11-23 (Thanksgiving Day)',
        '2028-11-24 (Day after Thanksgiving)',
        '2028-11-25 (Saturday)',
        '2028-11-26 (Sunday)',
        '2028-12-02 (Saturday)',
        '2028-12-03 (Sunday)',
        '2028-12-09 (Saturday)',
        '2028-12-10 (Sunday)',
      ],
      says: ['15 court days'],
    });
  }, 60_000);

  it('cws.court.section-366-26-after-bypass: disposition Fri 15 Dec 2028 → day 120 Sat 14 Apr 2029 → Mon 16 Apr', async () => {
    // 120 calendar days (WIC 361.5(f)): 31 Dec is day 16, 31 Jan day 47, 28 Feb day 75, 31 Mar day 106, Sat 14 Apr
    // day 120 → Sun 15 → Mon 16 Apr (court calendar).
    await prove({
      rule: 'cws.court.section-366-26-after-bypass',
      cites: 'WIC 361.5(f)',
      calendar: 'court',
      start: '2028-12-15T11:00:00-08:00',
      due: '2029-04-16T23:59:59.999-07:00',
      skipped: ['2029-04-14 (Saturday)', '2029-04-15 (Sunday)'],
      rolled: ['2029-04-14', '2029-04-16'],
      says: ['120 calendar days'],
    });
  }, 60_000);

  it('cws.court.family-maintenance-review: disposition Fri 11 May 2029 → limit Sun 11 Nov → back to Fri 9 Nov (CCP 12a would give Tue 13 Nov)', async () => {
    // 6 calendar months (WIC 364) → Sun 11 Nov 2029, closed; Sat 10 Nov closed → Fri 9 Nov, open → due Fri 9 Nov
    // 23:59:59.999 PST (DST ended Sun 4 Nov). Forward would be Mon 12 Nov (Veterans Day observed, Gov. Code 6701)
    // → Tue 13 Nov, past the "at least every 6 months" limit.
    await prove({
      rule: 'cws.court.family-maintenance-review',
      cites: 'WIC 364',
      calendar: 'court',
      start: '2029-05-11T10:00:00-07:00',
      due: '2029-11-09T23:59:59.999-08:00',
      skipped: ['2029-11-11 (Sunday)', '2029-11-10 (Saturday)'],
      rolledBack: ['2029-11-11', '2029-11-09', '2029-11-13'],
    });
  }, 60_000);

  it('cws.case.case-plan-update: plan approved Mon 31 Dec 2029 → 6 months ends on 30 Jun 2030 (no 31 June), a Sunday → back to Fri 28 Jun', async () => {
    // 6 calendar months (WIC 16501.1, "at least every 6 months") → "31 Jun" does not exist, so the last day of June,
    // Sun 30 Jun 2030; Sat 29 closed → Fri 28 Jun (PDT). CCP 12a would give Mon 1 Jul, past the limit.
    await prove({
      rule: 'cws.case.case-plan-update',
      cites: 'WIC 16501.1',
      calendar: 'county',
      start: '2029-12-31T15:00:00-08:00',
      due: '2030-06-28T23:59:59.999-07:00',
      skipped: ['2030-06-30 (Sunday)', '2030-06-29 (Saturday)'],
      rolledBack: ['2030-06-30', '2030-06-28', '2030-07-01'],
      says: ['6 calendar months'],
    });
  }, 60_000);

  it('cws.court.entered-foster-care-anchor: removal Wed 3 Jul 2030 → day 60 is Sun 1 Sep, kept (an anchor date, not rolled past Labor Day)', async () => {
    // 60 calendar days (WIC 361.49): 31 Jul is day 28, 31 Aug day 59, Sun 1 Sep day 60. The rule does not roll
    // (rollDirection: none): the anchor stays Sun 1 Sep although Sunday and Mon 2 Sep (Labor Day) close the court.
    const view = await prove({
      rule: 'cws.court.entered-foster-care-anchor',
      cites: 'WIC 361.49',
      calendar: 'court',
      start: '2030-07-03T10:00:00-07:00',
      due: '2030-09-01T23:59:59.999-07:00',
      says: ['60 calendar days'],
    });
    // No reminders and no escalation for an anchor date: the only stage is `due` (the proof then cancels the clock,
    // which publishes deadline-cancelled).
    expect((await h.events(view.deadlineId)).map((e) => e.type).filter((t) => t !== 'deadline-cancelled')).toEqual(['deadline-due']);
  }, 60_000);

  it('cws.court.twelve-month-permanency: entered foster care Fri 11 Oct 2030 → limit Sat 11 Oct 2031 → back to Fri 10 Oct (CCP 12a: Tue 14 Oct)', async () => {
    // 12 calendar months (WIC 366.21(f)) → Sat 11 Oct 2031, closed → Fri 10 Oct, an open court day (PDT). Forward
    // would be Sun 12, Mon 13 Oct (Columbus Day, 2nd Monday of October, a judicial holiday) → Tue 14 Oct.
    await prove({
      rule: 'cws.court.twelve-month-permanency',
      cites: 'WIC 366.21(f)',
      calendar: 'court',
      start: '2030-10-11T09:00:00-07:00',
      due: '2031-10-10T23:59:59.999-07:00',
      skipped: ['2031-10-11 (Saturday)'],
      rolledBack: ['2031-10-11', '2031-10-10', '2031-10-14'],
      says: ['12 calendar months'],
    });
  }, 60_000);

  it('cws.court.eighteen-month-review: removal Thu 16 Oct 2031 → limit Sat 16 Apr 2033 → back to Fri 15 Apr (CCP 12a: Mon 18 Apr)', async () => {
    // 18 calendar months (WIC 366.22) → Sat 16 Apr 2033, closed → Fri 15 Apr, open (Good Friday is not a full-day
    // closure in the court calendar) → due Fri 15 Apr 23:59:59.999 PDT. Forward: Sun 17 → Mon 18 Apr.
    await prove({
      rule: 'cws.court.eighteen-month-review',
      cites: 'WIC 366.22',
      calendar: 'court',
      start: '2031-10-16T10:00:00-07:00',
      due: '2033-04-15T23:59:59.999-07:00',
      skipped: ['2033-04-16 (Saturday)'],
      rolledBack: ['2033-04-16', '2033-04-15', '2033-04-18'],
      says: ['18 calendar months'],
    });
  }, 60_000);

  it('cws.case.monthly-caseworker-visit: a case open on Wed 20 Apr 2033 → the visit is due within April: Sat 30 Apr, not moved', async () => {
    // Calendar months (42 USC 622(b)(17)): the month of the start counts as the first; the due date is its last
    // day, Sat 30 Apr 2033. The rule does not roll (a visit on Mon 2 May would be May's visit, not April's).
    await prove({
      rule: 'cws.case.monthly-caseworker-visit',
      cites: '42 USC 622(b)(17)',
      calendar: 'county',
      start: '2033-04-20T10:00:00-07:00',
      due: '2033-04-30T23:59:59.999-07:00',
      says: ['1 calendar month counting the month of'],
    });
  }, 60_000);

  it('cws.case.first-cft-meeting moves to an earlier disposition: placement Mon 2 May 2033 → day 60 Fri 1 Jul; disposition Wed 15 Jun → due Wed 15 Jun', async () => {
    // 60 days from Mon 2 May 2033: 31 May is day 29, 30 Jun day 59, Fri 1 Jul day 60 (open). Disposition comes first
    // (RULES.md 2: "within 60 days of entering placement or before disposition, whichever is first"): the case worker's
    // system sets the due date to the disposition date with reason due-at-disposition.
    const start = y('2033-05-02T10:00:00-07:00');
    const computedDue = y('2033-07-01T23:59:59.999-07:00');
    const disposition = y('2033-06-15');
    await arriveAt(start);
    const handle = await h.start('cws.case.first-cft-meeting', start);
    expect((await handle.query(deadlineViewQuery)).due.dueAt).toBe(computedDue);
    await h.travelTo(y('2033-06-15T09:00:00-07:00'));
    const moved = await handle.executeUpdate(extendUpdate, { args: [{ dueDate: disposition, reasonCode: 'due-at-disposition', by: CSW }] });
    expect(moved.due.dueDate).toBe(disposition);
    expect(moved.due.explanation.override).toMatchObject({ dueDate: disposition, reasonCode: 'due-at-disposition', direction: 'earlier' });
    // Moved earlier is not an extension, in the text and in the published event.
    expect(moved.due.explanation.summary).toContain(
      `Moved earlier to Wed 15 Jun ${disposition.slice(0, 4)} by the court, from the computed date, Fri 1 Jul ${disposition.slice(0, 4)}. Reason: the disposition hearing came first.`,
    );
    expect(moved.due.explanation.summary).not.toMatch(
      /xtended|due-at-disposition|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    );
    // Moved earlier is its own event, never an extension.
    const events = await h.events(moved.deadlineId);
    expect(events.filter((e) => e.type === 'deadline-extended')).toEqual([]);
    expect(events.filter((e) => e.type === 'deadline-moved-earlier').map((e) => e.data['reasonCode'])).toEqual(['due-at-disposition']);
    await expectDueEventAt(handle, moved.deadlineId, y('2033-06-15T23:59:59.999-07:00'));
    await close(handle);
  }, 60_000);

  it('cws.court.initial-hearing-not-detained: petition Fri 24 Jun 2033, child not detained → 15 court days over Independence Day → Mon 18 Jul', async () => {
    // 15 court days (CRC 5.670(a)) after Fri 24 Jun 2033: Mon 27–Fri 1 Jul = 5; Sat 2, Sun 3 and Mon 4 Jul
    // (Independence Day, CCP 135) not counted; Tue 5–Fri 8 = 9; Mon 11–Fri 15 = 14; Mon 18 Jul = 15 → due 23:59:59.999 PDT.
    await prove({
      rule: 'cws.court.initial-hearing-not-detained',
      cites: 'CRC 5.670(a)',
      calendar: 'court',
      start: '2033-06-24T10:00:00-07:00',
      due: '2033-07-18T23:59:59.999-07:00',
      skipped: [
        '2033-06-25 (Saturday)',
        '2033-06-26 (Sunday)',
        '2033-07-02 (Saturday)',
        '2033-07-03 (Sunday)',
        '2033-07-04 (Independence Day)',
        '2033-07-09 (Saturday)',
        '2033-07-10 (Sunday)',
        '2033-07-16 (Saturday)',
        '2033-07-17 (Sunday)',
      ],
    });
  }, 60_000);

  it('cws.er.sdm-safety-assessment (unconfirmed default, 2 business days): first contact Fri 2 Sep 2033 → over Labor Day → Wed 7 Sep', async () => {
    // 2 business days of the county calendar (a conservative default; RULES.md 8.1: timing unconfirmed) after Fri 2
    // Sep 2033: Sat 3, Sun 4 and Mon 5 Sep (Labor Day) not counted; Tue 6 = 1, Wed 7 = 2 → due 23:59:59.999 PDT.
    await prove({
      rule: 'cws.er.sdm-safety-assessment',
      cites: 'LA DCFS 0070-548.10',
      calendar: 'county',
      start: '2033-09-02T15:00:00-07:00',
      due: '2033-09-07T23:59:59.999-07:00',
      skipped: ['2033-09-03 (Saturday)', '2033-09-04 (Sunday)', '2033-09-05 (Labor Day)'],
    });
  }, 60_000);

  it('cws.er.sdm-risk-assessment (unconfirmed default, 30 days): first contact Thu 8 Sep 2033 → day 30 Sat 8 Oct → Columbus Day → Tue 11 Oct', async () => {
    // 30 calendar days from Thu 8 Sep 2033: 30 Sep = day 22, Sat 8 Oct = day 30, closed; Sun 9 and Mon 10 Oct
    // (Columbus Day, 2nd Monday of October, a county holiday) closed → CCP 12a: Tue 11 Oct 2033 (PDT).
    await prove({
      rule: 'cws.er.sdm-risk-assessment',
      cites: 'LA DCFS 0070-548.24',
      calendar: 'county',
      start: '2033-09-08T11:00:00-07:00',
      due: '2033-10-11T23:59:59.999-07:00',
      skipped: ['2033-10-08 (Saturday)', '2033-10-09 (Sunday)', '2033-10-10 (Columbus Day)'],
      rolled: ['2033-10-08', '2033-10-11'],
    });
  }, 60_000);

  it('cws.case.voluntary-family-maintenance: agreement Mon 28 Nov 2033 → 6 months Sun 28 May 2034 → back to Fri 26 May (CCP 12a: Tue 30 May)', async () => {
    // 6 calendar months (WIC 16506) → Sun 28 May 2034, closed; Sat 27 closed → Fri 26 May 2034, open → due
    // 23:59:59.999 PDT (the start is PST). Forward would pass Mon 29 May (Memorial Day) to Tue 30 May.
    await prove({
      rule: 'cws.case.voluntary-family-maintenance',
      cites: 'WIC 16506',
      calendar: 'county',
      start: '2033-11-28T10:00:00-08:00',
      due: '2034-05-26T23:59:59.999-07:00',
      skipped: ['2034-05-28 (Sunday)', '2034-05-27 (Saturday)'],
      rolledBack: ['2034-05-28', '2034-05-26', '2034-05-30'],
      says: ['6 calendar months'],
    });
  }, 60_000);

  it('cws.court.permanent-plan-review: permanent plan Fri 23 Jun 2034 → 6 months Sat 23 Dec → back to Fri 22 Dec (CCP 12a: Tue 26 Dec)', async () => {
    // 6 calendar months (WIC 366.3(d)) → Sat 23 Dec 2034, closed → Fri 22 Dec, an open court day → due 23:59:59.999
    // PST (the start is PDT). Forward would pass Sun 24 and Mon 25 Dec (Christmas Day) to Tue 26 Dec.
    await prove({
      rule: 'cws.court.permanent-plan-review',
      cites: 'WIC 366.3(d)',
      calendar: 'court',
      start: '2034-06-23T09:00:00-07:00',
      due: '2034-12-22T23:59:59.999-08:00',
      skipped: ['2034-12-23 (Saturday)'],
      rolledBack: ['2034-12-23', '2034-12-22', '2034-12-26'],
      says: ['6 calendar months'],
    });
  }, 60_000);

  it("cws.court.twenty-four-month-review: removal Mon 12 Feb 2035 → 24 months Thu 12 Feb 2037 (Lincoln's Birthday) → back to Wed 11 Feb", async () => {
    // 24 calendar months (WIC 366.25) from the first removal → Thu 12 Feb 2037, Lincoln's Birthday, a judicial
    // holiday (CCP 135) → Wed 11 Feb 2037, open → due 23:59:59.999 PST. Forward (CCP 12a) would be Fri 13 Feb.
    await prove({
      rule: 'cws.court.twenty-four-month-review',
      cites: 'WIC 366.25',
      calendar: 'court',
      start: '2035-02-12T10:00:00-08:00',
      due: '2037-02-11T23:59:59.999-08:00',
      skipped: ["2037-02-12 (Lincoln's Birthday)"],
      rolledBack: ['2037-02-12', '2037-02-11', '2037-02-13'],
      says: ['24 calendar months'],
    });
  }, 60_000);
});
