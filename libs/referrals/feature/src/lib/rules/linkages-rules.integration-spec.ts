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
const { prove } = scenarios;

describe('Linkages deadline rules at their real durations (time-skipping test server, hand-computed due dates)', () => {
  beforeAll(async () => {
    await scenarios.start();
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
});
