import { calworksRules } from '@linkages/calworks-domain';
import { PolicyRegistry, computeDue } from '@linkages/platform-deadlines';
import { ruleScenarios } from '@linkages/platform-deadline-testing';
import { frAidWindowOpenedEvent } from '@linkages/shared-contracts';

/** CalWORKs' rules as the service will compose them, every county on state defaults. */
const registry = new PolicyRegistry(calworksRules);

/**
 * The AB 135 Family Reunification aid window and the temporary absence before it, at their real durations in the
 * time-skipping test server, due dates worked out by hand (RULES.md 4 and 6: "6 full calendar months, first
 * prorated month excluded"; general CalWORKs temporary absence = one full calendar month, LA DPSS 82-812). Both are
 * windows of aid months: they end on the last day of the last full month, whatever the weekday (rollDirection none).
 * Scenarios run in chronological order on one test server; once the real clock is past the first start every date
 * moves by 28 years (see ruleScenarios).
 */
const scenarios = ruleScenarios({ service: 'calworks', registry, firstStart: '2027-02-16T10:00:00-08:00' });
const { prove } = scenarios;

describe('CalWORKs FR aid windows at their real durations (time-skipping test server, hand-computed dates)', () => {
  beforeAll(async () => {
    await scenarios.start();
  }, 120_000);
  afterAll(async () => {
    await scenarios.stop();
  });

  it('the fr-aid-window-opened contract and the engine agree: a window starting on 1 Jan 2027 ends on 30 Jun 2027', () => {
    // The contract's example: startsOn 2027-01-01 (on the 1st, so January is the first full month); January–June
    // are the six full months; endsOn is the last day of June.
    const { startsOn, endsOn } = frAidWindowOpenedEvent.example;
    const rule = registry.rule('calworks.fr.ab135-window');
    const due = computeDue(rule, `${startsOn}T00:00:00-08:00`, registry.calendarFor(rule, '06085'));
    expect(due.dueDate).toBe(endsOn);
  });

  it('calworks.fr.ab135-window granted mid-month, Tue 16 Feb 2027: February is prorated, March–August count → Tue 31 Aug 2027', async () => {
    // Grant Tue 16 Feb 2027 is not the 1st, so February 2027 is a prorated month and does not count. Full months:
    // Mar (1), Apr (2), May (3), Jun (4), Jul (5), Aug (6) → ends on the last day of August, Tue 31 Aug 2027,
    // 23:59:59.999 PDT (-07:00). Date to date (the old `months` basis) would have said Mon 16 Aug.
    await prove({
      rule: 'calworks.fr.ab135-window',
      cites: 'ACL 25-05',
      calendar: 'county',
      start: '2027-02-16T10:00:00-08:00',
      due: '2027-08-31T23:59:59.999-07:00',
      says: [
        '6 full calendar months from the FR aid grant of Tue 16 Feb 2027',
        'February 2027 is a prorated month (the start is not on the 1st) and is not counted',
        'counted: March 2027 to August 2027',
      ],
    });
  }, 60_000);

  it('calworks.fr.temporary-absence: removal Wed 15 Sep 2027 → September prorated, October counts → Sun 31 Oct 2027, not moved', async () => {
    // One full calendar month: 15 Sep is not the 1st, so September is prorated; October is the full month → Sun 31
    // Oct 2027, 23:59:59.999 PDT (DST ends Sun 7 Nov 2027). A closed last day is not moved: aid months are calendar
    // months.
    await prove({
      rule: 'calworks.fr.temporary-absence',
      cites: 'ACL 25-05',
      calendar: 'county',
      start: '2027-09-15T11:00:00-07:00',
      due: '2027-10-31T23:59:59.999-07:00',
      says: [
        'September 2027 is a prorated month',
        'counted: October 2027 to October 2027',
        'The last day, 2027-10-31, is closed (Sunday) and is not moved',
      ],
    });
  }, 60_000);

  it('calworks.fr.ab135-window granted on the 1st, Sun 1 Oct 2028: October counts → Sat 31 Mar 2029, not moved to Monday', async () => {
    // Grant on the 1st: October 2028 is the first full month (no prorated month). Oct (1), Nov (2), Dec (3), Jan
    // (4), Feb (5), Mar (6) → Sat 31 Mar 2029, 23:59:59.999 PDT (DST began Sun 11 Mar 2029). Not moved for the
    // weekend. Date to date would have said Sun 1 Apr → Mon 2 Apr.
    await prove({
      rule: 'calworks.fr.ab135-window',
      cites: 'ACL 25-05',
      calendar: 'county',
      start: '2028-10-01T08:00:00-07:00',
      due: '2029-03-31T23:59:59.999-07:00',
      says: [
        'The start is on the 1st, so October 2028 is the first full month',
        'counted: October 2028 to March 2029',
        'The last day, 2029-03-31, is closed (Saturday) and is not moved',
      ],
    });
  }, 60_000);
});
