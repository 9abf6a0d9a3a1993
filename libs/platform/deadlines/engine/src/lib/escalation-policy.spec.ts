import { defaultEscalationPolicy, defineRule, escalationPolicyOf } from './define-rule';

const base = {
  id: 't.rule',
  domain: 'test',
  title: 'Test',
  citation: 'none',
  status: 'confirmed' as const,
  length: 24,
  calendar: 'county' as const,
  anchor: 'a',
  trigger: 't',
  action: 'x',
  who: 'w',
  source: 's',
};

describe('escalation policy defaults', () => {
  it('hour-based rules count clock hours and expire an acknowledgment after 4 hours', () => {
    expect(defineRule({ ...base, basis: 'hours' }).escalationPolicy).toEqual({
      windows: 'clock-hours',
      businessHours: { start: '08:00', end: '17:00' },
      legallyUrgent: false,
      acknowledgmentExpiry: 'PT4H',
    });
  });
  it('day-based rules count business hours and expire an acknowledgment after a day', () => {
    expect(defineRule({ ...base, basis: 'calendar-days' }).escalationPolicy).toMatchObject({
      windows: 'business-hours',
      acknowledgmentExpiry: 'P1D',
    });
  });
  it('escalationPolicyOf falls back to the basis default for records without one', () => {
    const rule = defineRule({ ...base, basis: 'court-days' });
    const old = { ...rule, escalationPolicy: undefined };
    expect(escalationPolicyOf(old)).toEqual(defaultEscalationPolicy('court-days'));
    const urgent = { ...rule.escalationPolicy!, legallyUrgent: true };
    expect(escalationPolicyOf({ ...rule, escalationPolicy: urgent }).legallyUrgent).toBe(true);
  });
});
