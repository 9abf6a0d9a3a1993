import { alreadyClosedRefusal, cftMeetingRefusal, closedCaseRefusal, closeRefusal, returnHomeRefusal } from './case-lifecycle.rules';

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
});
