import { parseWorkflowId, workflowId } from './workflow-id';

describe('workflowId', () => {
  it('builds <service>/<kind>/<business id>', () => {
    expect(workflowId('calworks', 'sanction', 'ep-123')).toBe('calworks/sanction/ep-123');
  });
  it.each([
    ['Calworks', 'sanction', 'x'],
    ['calworks', 'sanction resolution', 'x'],
    ['calworks', 'sanction', ''],
    ['calworks', 'sanction', 'a b'],
    ['calworks', 'sanction', 'a/b'],
  ])('rejects %s / %s / %s', (s, k, b) => {
    expect(() => workflowId(s, k, b)).toThrow();
  });
  it('parses what it builds', () => {
    expect(parseWorkflowId('child-welfare/er-response/ref-9')).toEqual({
      service: 'child-welfare',
      kind: 'er-response',
      businessId: 'ref-9',
    });
    expect(() => parseWorkflowId('random-uuid')).toThrow();
  });
});
