import { PolicyRegistry } from '@linkages/platform-deadlines';
import { ruleScenarios } from '@linkages/platform-deadline-testing';
import { linkagesRules } from '@linkages/referrals-domain';

/**
 * The Linkages rules at their real durations in the time-skipping test server, due dates worked out by hand
 * (RULES.md sections 5, 6 and 7). The mechanics (28-year shift, due-event checks) are the platform's ruleScenarios.
 */
const scenarios = ruleScenarios({
  service: 'referrals',
  registry: new PolicyRegistry(linkagesRules),
  firstStart: '2027-09-10T10:00:00-07:00',
});
const { prove, y, arriveAt } = scenarios;
const TEAM_LEAD = '77777777-7777-4777-8777-777777777777';

describe('Linkages deadline rules at their real durations (time-skipping test server, hand-computed due dates)', () => {
  let h: Awaited<ReturnType<typeof scenarios.start>>;
  beforeAll(async () => {
    h = await scenarios.start();
  }, 120_000);
  afterAll(async () => {
    await scenarios.stop();
  });

  it('linkages.mdt-information-window: report Fri 10 Sep 2027 → day 30 Sun 10 Oct; Columbus Day → Tue 12 Oct', async () => {
    // 30 calendar days (WIC 18961.7): 30 Sep is day 20, Sun 10 Oct is day 30 → closed; Mon 11 Oct is Columbus Day
    // (2nd Monday of October, on the county calendar) → Tue 12 Oct.
    await prove({
      rule: 'linkages.mdt-information-window',
      cites: 'WIC 18961.7',
      calendar: 'county',
      start: '2027-09-10T10:00:00-07:00',
      due: '2027-10-12T23:59:59.999-07:00',
      skipped: ['2027-10-10 (Sunday)', '2027-10-11 (Columbus Day)'],
      rolled: ['2027-10-10', '2027-10-12'],
    });
  }, 60_000);

  it('linkages.mdt-information-window extended for good cause (RULES.md 5: "longer for good cause"): report Mon 1 Nov 2027 → Wed 1 Dec, +15 days → Thu 16 Dec', async () => {
    // 30 calendar days from Mon 1 Nov 2027: Wed 1 Dec (open). The team records good cause for 15 more days: 45 days
    // → Thu 16 Dec 2027 (open; PST after 7 Nov).
    const start = y('2027-11-01T10:00:00-07:00');
    await arriveAt(start);
    const handle = await h.start('linkages.mdt-information-window', start);
    const extended = (await handle.executeUpdate('extend', {
      args: [{ length: 15, reasonCode: 'mdt-good-cause', by: TEAM_LEAD }],
    })) as { due: { dueAt: string; explanation: { summary: string } } };
    expect(extended.due.dueAt).toBe(y('2027-12-16T23:59:59.999-08:00'));
    expect(extended.due.explanation.summary).toContain('The window closes on Thu 16 Dec 2027');
    expect(extended.due.explanation.summary).toContain(
      'Extended by 15 calendar days by staff. Reason: good cause for a longer exchange, recorded by the team (WIC 18961.7).',
    );
    await expect(
      handle.executeUpdate('extend', { args: [{ length: 5, reasonCode: 'supervisor-approved-extension', by: TEAM_LEAD }] }),
    ).rejects.toThrow();
    await scenarios.close(handle);
  }, 60_000);
  it('linkages.fr-worker-contacts-csw: removal Wed 24 Nov 2027 → 3 business days → Wed 1 Dec (Thanksgiving and the day after skipped)', async () => {
    // Business days on the county calendar: Thu 25 Nov (Thanksgiving Day) and Fri 26 Nov (the day after, a county
    // holiday) closed, Sat 27 and Sun 28 the weekend → Mon 29 Nov (1), Tue 30 Nov (2), Wed 1 Dec (3).
    await prove({
      rule: 'linkages.fr-worker-contacts-csw',
      cites: 'LA DCFS 1200-500.80',
      calendar: 'county',
      start: '2027-11-24T10:00:00-08:00',
      due: '2027-12-01T23:59:59.999-08:00',
      skipped: ['2027-11-25 (Thanksgiving Day)', '2027-11-26 (Day after Thanksgiving)', '2027-11-27 (Saturday)', '2027-11-28 (Sunday)'],
    });
  }, 60_000);

  it('linkages.joint-case-planning-meeting (unconfirmed, 30 days): FR case opened Fri 10 Dec 2027 → Sun 9 Jan 2028 → Mon 10 Jan', async () => {
    // 30 calendar days from Fri 10 Dec 2027: Sun 9 Jan 2028, closed → the next open day, Mon 10 Jan.
    await prove({
      rule: 'linkages.joint-case-planning-meeting',
      cites: 'RULES.md 7',
      calendar: 'county',
      start: '2027-12-10T00:00:00-08:00',
      due: '2028-01-10T23:59:59.999-08:00',
      skipped: ['2028-01-09 (Sunday)'],
      rolled: ['2028-01-09', '2028-01-10'],
    });
  }, 60_000);
});
