import { MONTHLY_VISIT_RULE, monthAfter, monthAfterVisit, monthOf, visitClockOf, visitPurpose, visitRefusal } from './monthly-visit.rules';

const child = '0b6f3a2e-5d1c-4c1e-9a57-3f2a3c1d9e01';
const kase = '9d3c2b1a-0f1e-4d2c-8b3a-7c6d5e4f3a21';

describe('monthly caseworker visits', () => {
  it('the rule', () => expect(MONTHLY_VISIT_RULE).toBe('cws.case.monthly-caseworker-visit'));

  it('one clock per child and California month', () => {
    expect(visitPurpose(child, '2026-09-18')).toBe(`visit-${child}-2026-09`);
    expect(visitPurpose(child, '2026-08-05T16:00:00-07:00')).toBe(`visit-${child}-2026-08`);
    // 31 Aug, 10 pm in California is 1 Sep in UTC: still August.
    expect(visitPurpose(child, '2026-09-01T05:00:00Z')).toBe(`visit-${child}-2026-08`);
  });

  it('the month a date falls in', () => {
    expect(monthOf('2026-08-05T16:00:00-07:00')).toEqual({ first: '2026-08-01', last: '2026-08-31' });
    expect(monthOf('2028-02-10')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });

  it('the next month', () => {
    expect(monthAfterVisit('2026-09-18')).toBe('2026-10-01T00:00:00.000-07:00');
    expect(monthAfterVisit('2026-12-18')).toBe('2027-01-01T00:00:00.000-08:00');
    expect(monthAfter('2026-08')).toBe('2026-09-01T00:00:00.000-07:00');
    expect(monthAfter('2026-12')).toBe('2027-01-01T00:00:00.000-08:00');
  });

  it('reads the case, child and month of a due visit clock', () => {
    expect(visitClockOf(`case/${kase}/visit-${child}-2026-08`)).toEqual({ caseId: kase, childId: child, month: '2026-08' });
    expect(visitClockOf(`case/${kase}/first-cft`)).toBeUndefined();
    expect(visitClockOf(`referral/${kase}/visit-${child}-2026-08`)).toBeUndefined();
  });

  it('a visit cannot precede the case', () => {
    expect(visitRefusal({ openedOn: '2026-08-05' }, '2026-08-04')).toEqual({ refused: 'A visit cannot precede the case' });
    expect(visitRefusal({ openedOn: '2026-08-05' }, '2026-08-05')).toBeUndefined();
  });
});
