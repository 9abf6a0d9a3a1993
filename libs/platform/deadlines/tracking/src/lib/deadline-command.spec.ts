import { PolicyRegistry, defineRule } from '@linkages/platform-deadlines';
import { validateDeadlineCommand, type DeadlineCommand } from './deadline-command';

const rule = defineRule({
  id: 'test.ten-days',
  domain: 'test',
  title: 'Ten days',
  citation: 'Test',
  status: 'confirmed',
  basis: 'calendar-days',
  length: 10,
  trigger: 'A test fact',
  anchor: 'the test fact',
  calendar: 'county',
  action: 'Act',
  who: 'Staff',
  source: 'Test fixture',
  verification: 'None: a fixture',
  rollDirection: 'forward',
  rollReason: 'CCP 12a',
  rollSource: 'CCP 12a',
});
const registry = new PolicyRegistry([rule]);
const open = (notify?: string): DeadlineCommand => ({
  op: 'open',
  deadlineId: '0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b',
  ruleId: 'test.ten-days',
  startAt: '2026-12-01T10:00:00-08:00',
  owner: { familyId: 'f', countyCode: '06085', subjectRef: 'episode/e/x', ...(notify !== undefined ? { notify } : {}) },
});

describe('deadline command: the owning process (notify)', () => {
  it('accepts a process workflow id, or none', () => {
    expect(() => validateDeadlineCommand(open(), registry)).not.toThrow();
    expect(() => validateDeadlineCommand(open('calworks/sanction/0f9e8d7c-6b5a-4493-8281-706f5e4d3c2b'), registry)).not.toThrow();
  });

  it.each(['', 'sanction', 'calworks/sanction/', 'Calworks/sanction/x', 'calworks/sanction/a b'])('refuses %p', (notify) => {
    expect(() => validateDeadlineCommand(open(notify), registry)).toThrow(/owner\.notify must be a process workflow id/);
  });
});
