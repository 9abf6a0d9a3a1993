import {
  alreadyClosedRefusal,
  cftMeetingRefusal,
  closedCaseRefusal,
  closeRefusal,
  frServicesGoodCauseRefusal,
  returnHomeRefusal,
} from './case-lifecycle.rules';

describe('case life cycle', () => {
  it('a closed case takes no more commands', () => {
    expect(closedCaseRefusal({ status: 'closed' })).toEqual({ refused: 'The case is closed' });
    expect(closedCaseRefusal({ status: 'open' })).toBeUndefined();
    expect(alreadyClosedRefusal({ status: 'closed' })).toEqual({ refused: 'The case is already closed' });
  });

  it('closes on or after it opened', () => {
    expect(closeRefusal({ openedOn: '2026-10-02' }, '2026-10-01')).toEqual({ refused: 'A case cannot close before it opened' });
    expect(closeRefusal({ openedOn: '2026-10-02' }, '2026-10-02')).toBeUndefined();
  });

  it('a CFT meeting cannot precede the case', () => {
    expect(cftMeetingRefusal({ openedOn: '2026-10-02' }, '2026-10-01')).toEqual({
      refused: 'A CFT meeting of this case cannot precede the case',
    });
    expect(cftMeetingRefusal({ openedOn: '2026-10-02' }, '2026-10-15')).toBeUndefined();
  });

  it('a child returns home from a current removal, on or after its California date', () => {
    const removal = { removedAt: new Date('2026-10-02T22:00:00-07:00') };
    expect(returnHomeRefusal(undefined, '2026-10-30')).toEqual({ refused: 'This child is not removed in this case' });
    expect(returnHomeRefusal(removal, '2026-10-01')).toEqual({ refused: 'A child cannot return home before the removal' });
    // 10 pm on 2 Oct in California is 3 Oct in UTC: the return on 2 Oct is allowed.
    expect(returnHomeRefusal(removal, '2026-10-02')).toBeUndefined();
  });

  describe('good cause for FR services past six months (RULES.md 4 "Services beyond 6 months")', () => {
    const open = { status: 'open' as const, openedOn: '2026-10-02', servicesTerminatedOn: null };
    const grant = { grantedOn: '2027-04-01', continuesThrough: '2027-09-30' };

    it('is granted on an open case with a child removed and services not terminated', () => {
      expect(frServicesGoodCauseRefusal(open, 1, grant)).toBeUndefined();
      expect(frServicesGoodCauseRefusal(open, 2, { grantedOn: '2026-10-02', continuesThrough: '2026-10-03' })).toBeUndefined();
    });

    it('is refused on a closed case', () => {
      expect(frServicesGoodCauseRefusal({ ...open, status: 'closed' }, 1, grant)?.refused).toMatch(
        /^The case is closed.*Services beyond 6 months/,
      );
    });

    it('is refused when no child of the case is removed (it continues reunification services)', () => {
      expect(frServicesGoodCauseRefusal(open, 0, grant)?.refused).toMatch(/^No child of the case is removed.*Services beyond 6 months/);
    });

    it('is refused once reunification services were terminated', () => {
      expect(frServicesGoodCauseRefusal({ ...open, servicesTerminatedOn: '2027-03-15' }, 1, grant)?.refused).toMatch(
        /^Reunification services were terminated on 2027-03-15.*Services beyond 6 months/,
      );
    });

    it('is refused before the case opened', () => {
      expect(frServicesGoodCauseRefusal(open, 1, { ...grant, grantedOn: '2026-10-01' })?.refused).toMatch(/before the case opened/);
    });

    it('is refused unless the services continue through a date after the grant', () => {
      for (const continuesThrough of ['2027-04-01', '2027-03-31'])
        expect(frServicesGoodCauseRefusal(open, 1, { ...grant, continuesThrough })?.refused).toMatch(
          /^The services must continue through a date after the grant/,
        );
    });
  });
});
