import { PolicyRegistry } from '@linkages/platform-deadlines';
import { calworksRules } from '../rules/calworks.rules';
import {
  aidPaidPending,
  aidRestorationDate,
  compliancePeriodEnd,
  earliestEffectiveDate,
  factInstant,
  sanctionRulesFor,
  stateHearingWindow,
} from './sanction-dates';

const rules = sanctionRulesFor(new PolicyRegistry(calworksRules), '06085');

describe('sanction dates (RULES.md 3 and 6, hand-counted)', () => {
  it('a fact known by its date starts the count at noon California time, so its own day is not counted', () => {
    expect(factInstant('2027-01-06')).toBe('2027-01-06T12:00:00.000-08:00');
    expect(factInstant('2027-07-06')).toBe('2027-07-06T12:00:00.000-07:00');
  });

  it('day 20 of the compliance period: NA 840 on Wed 6 Jan 2027 → day 1 Thu 7 Jan, day 20 Tue 26 Jan 2027', () => {
    expect(compliancePeriodEnd(rules, '2027-01-06').dueDate).toBe('2027-01-26');
  });

  it('day 20 on Thanksgiving rolls forward past the county’s closed days (CCP 12a): Fri 5 Nov 2027 → Mon 29 Nov 2027', () => {
    const end = compliancePeriodEnd(rules, '2027-11-05');
    expect(end.dueDate).toBe('2027-11-29');
    expect(end.explanation.summary).toContain('Thanksgiving Day');
  });

  it('the earliest effective date chains the 20-day period and the 10-day timely notice: 26 Jan + 10 → Fri 5 Feb 2027', () => {
    const e = earliestEffectiveDate(rules, '2027-01-06', '2027-01-27');
    expect(e.effectiveOn).toBe('2027-02-05');
    expect(e.chain.map((c) => [c.ruleId, c.dueDate])).toEqual([
      ['calworks.wtw.compliance-period', '2027-01-26'],
      ['calworks.wtw.timely-notice', '2027-02-05'],
    ]);
    expect(e.explanation).toContain('MPP 22-072');
    expect(e.explanation).toContain('ACL 03-59');
  });

  it('a sanction recorded after that date takes effect when recorded, never retroactively (NA 817)', () => {
    const e = earliestEffectiveDate(rules, '2027-01-06', '2027-03-10');
    expect(e.effectiveOn).toBe('2027-03-10');
    expect(e.explanation).toContain('never earlier than recorded');
  });

  it('aid is restored on the 1st of the month after the cure contact (LA DPSS GAIN 1370), whatever the weekday', () => {
    expect(aidRestorationDate(rules, '2027-02-15').aidRestoredOn).toBe('2027-03-01');
    expect(aidRestorationDate(rules, '2027-02-28').aidRestoredOn).toBe('2027-03-01');
    expect(aidRestorationDate(rules, '2027-12-01').aidRestoredOn).toBe('2028-01-01');
  });

  it('a state hearing may be requested for 90 days after the effective date; aid is paid pending only before it (MPP 22-009.1)', () => {
    expect(stateHearingWindow(rules, '2027-02-05').lastDay).toBe('2027-05-06');
    expect(aidPaidPending('2027-02-04', '2027-02-05')).toBe(true);
    expect(aidPaidPending('2027-02-05', '2027-02-05')).toBe(false);
  });
});
