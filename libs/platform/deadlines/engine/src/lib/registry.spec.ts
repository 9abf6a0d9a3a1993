import { defineRule } from './define-rule';
import { PolicyRegistry } from './registry';

// The registry's mechanics over two small rules of its own; each domain's catalog is checked where it lives and
// all of them together in apps/platform-e2e/src/rules-catalog.spec.ts.
const input = {
  id: 'test.confirmed-ten-days',
  domain: 'test',
  title: 'A confirmed state rule',
  citation: 'Test Code 1',
  status: 'confirmed',
  basis: 'calendar-days',
  length: 10,
  calendar: 'county',
  anchor: 'the fact',
  trigger: 'a fact',
  action: 'an action',
  who: 'a worker',
  source: 'Test Code 1',
} as const;
const confirmed = defineRule(input);
const configurable = defineRule({ ...input, id: 'test.county-twenty-days', status: 'unconfirmed', length: 20, source: 'a county manual' });
// A confirmed number whose day-20 roll the source does not settle: only the roll is the county's to set.
const rollOnly = defineRule({
  ...input,
  id: 'test.confirmed-twenty-days-open-roll',
  length: 20,
  rollDirection: 'forward',
  rollReason: 'CCP 12a',
  rollSource: 'CCP 12a',
  configurable: ['rollDirection'],
});
const rules = [confirmed, configurable, rollOnly];

describe('policy registry', () => {
  it('applies a county configuration to configurable rules, with its source, and refuses it on confirmed ones', () => {
    const registry = new PolicyRegistry(rules, {
      '06085': {
        name: 'Santa Clara',
        rules: { 'test.county-twenty-days': { rollDirection: 'none', source: 'Santa Clara handbook' } },
        calendar: { addHolidays: ['cesar-chavez-day'] },
      },
    });
    expect(registry.rule('test.county-twenty-days', '06085').rollDirection).toBe('none');
    expect(registry.rule('test.county-twenty-days', '06085').rollReason).toMatch(
      /County 06085 configuration: none, per Santa Clara handbook/,
    );
    expect(registry.rule('test.county-twenty-days', '06085').source).toMatch(/county 06085 configuration/);
    expect(registry.rule('test.county-twenty-days', '06037').rollDirection).toBe('forward');
    expect(registry.calendarFor({ calendar: 'county' }, '06085').holidays).toContain('cesar-chavez-day');
    expect(
      () => new PolicyRegistry(rules, { '06001': { name: 'Alameda', rules: { 'test.confirmed-ten-days': { length: 14, source: 'x' } } } }),
    ).toThrow(/confirmed state rule/);
    expect(() => new PolicyRegistry(rules, { '06001': { name: 'Alameda', rules: { 'no.such.rule': { source: 'x' } } } })).toThrow(
      /unknown rule/,
    );
    expect(() => new PolicyRegistry(rules).rule('no.such.rule')).toThrow(/Unknown policy rule/);
  });

  it('lets a county change only the fields a rule marks configurable, naming the field and the rule when it refuses', () => {
    expect(confirmed.configurable).toEqual([]);
    expect(confirmed.configurablePerCounty).toBe(false);
    expect(configurable.configurable).toEqual(expect.arrayContaining(['length', 'basis', 'rollDirection']));
    expect(rollOnly.configurablePerCounty).toBe(true);
    const registry = new PolicyRegistry(rules, {
      '06085': {
        name: 'Santa Clara',
        rules: { 'test.confirmed-twenty-days-open-roll': { rollDirection: 'none', source: 'CalSAWS day-20 rule' } },
      },
    });
    expect(registry.rule('test.confirmed-twenty-days-open-roll', '06085')).toMatchObject({ rollDirection: 'none', length: 20 });
    // A Saturday day 20 (start Sun 15 Nov 2026 → Sat 5 Dec) stays on Saturday in the county, rolls to Monday elsewhere.
    expect(registry.due('test.confirmed-twenty-days-open-roll', '06085', '2026-11-15T10:00:00-08:00').dueDate).toBe('2026-12-05');
    expect(registry.due('test.confirmed-twenty-days-open-roll', '06001', '2026-11-15T10:00:00-08:00').dueDate).toBe('2026-12-07');
    expect(
      () =>
        new PolicyRegistry(rules, {
          '06001': {
            name: 'Alameda',
            rules: { 'test.confirmed-twenty-days-open-roll': { length: 25, rollDirection: 'none', source: 'x' } },
          },
        }),
    ).toThrow(
      "County 06001 cannot change 'length' of 'test.confirmed-twenty-days-open-roll': the law sets it; a county may change only 'rollDirection'",
    );
    expect(
      () =>
        new PolicyRegistry(rules, {
          '06001': { name: 'Alameda', rules: { 'test.county-twenty-days': { title: 'Renamed', source: 'x' } as never } },
        }),
    ).toThrow(/cannot change 'title' of 'test.county-twenty-days'/);
  });

  it('refuses a rule record that names no open field for a confirmed rule made configurable, or a direction without its reason', () => {
    expect(() => defineRule({ ...input, configurablePerCounty: true })).toThrow(/name the fields the law leaves open/);
    expect(() => defineRule({ ...input, rollDirection: 'backward' })).toThrow(/needs its rollReason and rollSource/);
  });

  it('refuses two rules with one id', () => {
    expect(() => new PolicyRegistry([confirmed, confirmed])).toThrow(/share an id/);
  });

  it('computes a rule as it applies in the county, with its explanation', () => {
    const due = new PolicyRegistry(rules).due('test.confirmed-ten-days', '06085', '2026-11-25T16:40:00-08:00');
    expect(due.dueDate).toBe('2026-12-07');
    expect(due.explanation.summary).toContain('Test Code 1');
  });
});
