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
  trigger: 'a fact',
  action: 'an action',
  who: 'a worker',
  source: 'Test Code 1',
} as const;
const confirmed = defineRule(input);
const configurable = defineRule({ ...input, id: 'test.county-twenty-days', status: 'unconfirmed', length: 20, source: 'a county manual' });
const rules = [confirmed, configurable];

describe('policy registry', () => {
  it('applies a county configuration to configurable rules, with its source, and refuses it on confirmed ones', () => {
    const registry = new PolicyRegistry(rules, {
      '06085': {
        name: 'Santa Clara',
        rules: { 'test.county-twenty-days': { rollForward: false, source: 'Santa Clara handbook' } },
        calendar: { addHolidays: ['cesar-chavez-day'] },
      },
    });
    expect(registry.rule('test.county-twenty-days', '06085').rollForward).toBe(false);
    expect(registry.rule('test.county-twenty-days', '06085').source).toMatch(/county 06085 configuration/);
    expect(registry.rule('test.county-twenty-days', '06037').rollForward).toBeUndefined();
    expect(registry.calendarFor({ calendar: 'county' }, '06085').holidays).toContain('cesar-chavez-day');
    expect(
      () => new PolicyRegistry(rules, { '06001': { name: 'Alameda', rules: { 'test.confirmed-ten-days': { length: 14, source: 'x' } } } }),
    ).toThrow(/confirmed state rule/);
    expect(() => new PolicyRegistry(rules, { '06001': { name: 'Alameda', rules: { 'no.such.rule': { source: 'x' } } } })).toThrow(
      /unknown rule/,
    );
    expect(() => new PolicyRegistry(rules).rule('no.such.rule')).toThrow(/Unknown policy rule/);
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
