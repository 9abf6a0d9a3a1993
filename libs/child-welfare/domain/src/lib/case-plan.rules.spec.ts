import {
  casePlanAmendmentRefusal,
  casePlanFiling,
  casePlanRefusal,
  dueAtDisposition,
  initialCasePlanWithoutRemoval,
} from './case-plan.rules';

describe('case plans', () => {
  it('an amendment needs a plan in effect (RULES.md 4: a plan without the AB 135 recommendation is amended)', () => {
    expect(casePlanAmendmentRefusal(0)).toEqual({ refused: 'There is no case plan to amend: file the initial case plan first' });
    expect(casePlanAmendmentRefusal(1)).toBeUndefined();
  });

  it('the first plan is the initial one and meets the initial-case-plan clock; update 1 is due 6 months after', () =>
    expect(casePlanFiling(0, '2026-09-20')).toEqual({
      kind: 'initial',
      satisfies: 'initial-case-plan',
      opens: { purpose: 'case-plan-update-1', ruleId: 'cws.case.case-plan-update', startAt: '2026-09-20T00:00:00.000-07:00' },
    }));

  it('each later plan is an update that meets the update due and opens the next', () =>
    expect(casePlanFiling(2, '2027-03-01')).toEqual({
      kind: 'update',
      satisfies: 'case-plan-update-2',
      opens: { purpose: 'case-plan-update-3', ruleId: 'cws.case.case-plan-update', startAt: '2027-03-01T00:00:00.000-08:00' },
    }));

  it('a plan cannot precede its case', () => {
    expect(casePlanRefusal({ openedOn: '2026-08-05' }, '2026-08-04')).toEqual({ refused: 'A case plan cannot precede its case' });
    expect(casePlanRefusal({ openedOn: '2026-08-05' }, '2026-08-05')).toBeUndefined();
  });

  it('without a removal the initial plan counts from the in-person response', () =>
    expect(initialCasePlanWithoutRemoval(new Date('2026-10-02T10:00:00-07:00'))).toEqual({
      purpose: 'initial-case-plan',
      ruleId: 'cws.case.initial-case-plan',
      startAt: '2026-10-02T17:00:00.000Z',
    }));

  describe('due at disposition', () => {
    it('when disposition comes before the 60 days', () => expect(dueAtDisposition('2026-09-25', '2026-10-05')).toBe(true));
    it('not when it comes on or after the due date', () => {
      expect(dueAtDisposition('2026-10-05', '2026-10-05')).toBe(false);
      expect(dueAtDisposition('2026-10-06', '2026-10-05')).toBe(false);
    });
    it('the first CFT meeting too: 60 days of placement or before disposition, whichever is first (WIC 16501(a)(4), ACL 22-35)', () => {
      // Removed Wed 5 Aug 2026: day 60 is Sun 4 Oct → Mon 5 Oct; a disposition on Fri 25 Sep comes first.
      expect(dueAtDisposition('2026-09-25', '2026-10-05')).toBe(true);
      // ICWA (30 days: Fri 4 Sep): a later disposition leaves it.
      expect(dueAtDisposition('2026-09-25', '2026-09-04')).toBe(false);
    });
    it('not without a due date (no open initial plan clock)', () => {
      expect(dueAtDisposition('2026-09-25', null)).toBe(false);
      expect(dueAtDisposition('2026-09-25', undefined)).toBe(false);
    });
  });
});
