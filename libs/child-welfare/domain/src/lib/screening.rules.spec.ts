import {
  ab2085AuditReason,
  acceptanceOf,
  refusedByAb2085,
  responseClockRule,
  screeningRefusal,
  statusAfterScreening,
} from './screening.rules';

describe('screening', () => {
  const received = { status: 'received' as const, screeningDecision: null, receivedAt: new Date('2026-08-03T09:00:00-07:00') };

  describe('sequence', () => {
    it('screens a received referral once its report is in', () => {
      expect(screeningRefusal(received, '2026-08-03T11:00:00-07:00')).toBeUndefined();
      expect(screeningRefusal(received, '2026-08-03T09:00:00-07:00')).toBeUndefined();
    });
    it('refuses a second screening, naming the first decision', () => {
      expect(screeningRefusal({ ...received, status: 'accepted', screeningDecision: 'accepted' }, '2026-08-03T11:00:00-07:00')).toEqual({
        refused: 'This referral was already screened (accepted)',
      });
      expect(
        screeningRefusal({ ...received, status: 'evaluated-out', screeningDecision: 'evaluated-out' }, '2026-08-03T11:00:00-07:00'),
      ).toEqual({ refused: 'This referral was already screened (evaluated-out)' });
    });
    it('refuses a decision dated before the referral was received', () => {
      expect(screeningRefusal(received, '2026-08-03T08:59:59-07:00')).toEqual({
        refused: 'A referral cannot be screened before it was received',
      });
    });
  });

  describe('AB 2085: poverty alone is not general neglect', () => {
    it('refuses to accept a poverty-only referral (investigation or Differential Response)', () => {
      expect(refusedByAb2085({ decision: 'accepted', povertyOnly: true })).toBe(true);
      expect(refusedByAb2085({ decision: 'differential-response', povertyOnly: true })).toBe(true);
    });
    it('lets it be evaluated out', () => {
      expect(refusedByAb2085({ decision: 'evaluated-out', povertyOnly: true })).toBe(false);
    });
    it('does not apply when poverty is not the only concern', () => {
      expect(refusedByAb2085({ decision: 'accepted', povertyOnly: false })).toBe(false);
      expect(refusedByAb2085({ decision: 'differential-response', povertyOnly: false })).toBe(false);
    });
    it('is audited with the problem type and its reason', () => {
      expect(ab2085AuditReason).toContain('ab-2085-poverty-is-not-neglect');
      expect(ab2085AuditReason).toContain('AB 2085');
    });
  });

  it('an evaluated-out referral is evaluated out; any acceptance is accepted', () => {
    expect(statusAfterScreening('evaluated-out')).toBe('evaluated-out');
    expect(statusAfterScreening('accepted')).toBe('accepted');
    expect(statusAfterScreening('differential-response')).toBe('accepted');
  });

  it('the response clock: 24 hours for immediate, 10 days otherwise', () => {
    expect(responseClockRule('immediate')).toBe('cws.er.immediate-response');
    expect(responseClockRule('10-day')).toBe('cws.er.ten-day-response');
  });

  describe('what acceptance starts', () => {
    const decidedAt = '2026-08-03T11:00:00-07:00';
    it('an investigation: the response clock only; no disposition clock before the first face-to-face contact (RULES.md 1)', () => {
      expect(acceptanceOf({ decision: 'accepted', responsePriority: '10-day', povertyOnly: false, decidedAt })).toEqual({
        responsePriority: '10-day',
        path: 'investigation',
        clocks: [{ purpose: 'er-response', ruleId: 'cws.er.ten-day-response', startAt: decidedAt }],
      });
    });
    it('Differential Response: the response clock only', () => {
      expect(acceptanceOf({ decision: 'differential-response', responsePriority: 'immediate', povertyOnly: false, decidedAt })).toEqual({
        responsePriority: 'immediate',
        path: 'differential-response',
        clocks: [{ purpose: 'er-response', ruleId: 'cws.er.immediate-response', startAt: decidedAt }],
      });
    });
    it('evaluated out, or without a priority: nothing', () => {
      expect(acceptanceOf({ decision: 'evaluated-out', povertyOnly: false, decidedAt })).toBeUndefined();
      expect(acceptanceOf({ decision: 'accepted', povertyOnly: false, decidedAt })).toBeUndefined();
    });
  });
});
