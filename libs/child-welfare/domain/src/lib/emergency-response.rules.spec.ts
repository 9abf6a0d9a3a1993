import {
  assessmentRefusal,
  childRefusal,
  contactRefusal,
  dispositionRefusal,
  downgradeClocks,
  downgradeRefusal,
  firstContactClocks,
  openCaseRefusal,
  removalDateRefusal,
  removalRefusal,
} from './emergency-response.rules';
import type { ReferralState } from './child-welfare.types';

const accepted: ReferralState = {
  status: 'accepted',
  receivedAt: new Date('2026-10-01T09:00:00-07:00'),
  screeningDecision: 'accepted',
  decidedAt: new Date('2026-10-01T09:30:00-07:00'),
  responsePriority: 'immediate',
  firstContactAt: null,
  disposition: null,
};
const contacted: ReferralState = { ...accepted, firstContactAt: new Date('2026-10-02T10:00:00-07:00') };
const received: ReferralState = { ...accepted, status: 'received', screeningDecision: null, decidedAt: null, responsePriority: null };

describe('emergency response', () => {
  it('a named child must be a child of the family', () => {
    expect(childRefusal({ role: 'child' })).toBeUndefined();
    expect(childRefusal({ role: 'parent' })).toEqual({ refused: 'This person is not a child of the family' });
    expect(childRefusal(undefined)).toEqual({ refused: 'This person is not a child of the family' });
  });

  describe('downgrade (immediate → 10-day)', () => {
    it('is allowed on an accepted immediate referral before contact', () => expect(downgradeRefusal(accepted)).toBeUndefined());
    it('is refused for a 10-day or unscreened referral', () => {
      expect(downgradeRefusal({ ...accepted, responsePriority: '10-day' })).toEqual({
        refused: 'Only an accepted referral with an immediate response can be downgraded',
      });
      expect(downgradeRefusal(received)).toEqual({ refused: 'Only an accepted referral with an immediate response can be downgraded' });
    });
    it('is refused after contact', () =>
      expect(downgradeRefusal(contacted)).toEqual({ refused: 'A downgrade needs approval before contact; contact was already made' }));
    it('cancels the immediate clock and counts 10 days from the decision, or from the report', () => {
      expect(downgradeClocks(accepted)).toEqual({
        cancel: { purpose: 'er-response', reasonCode: 'downgraded-to-10-day' },
        open: { purpose: 'er-response-10-day', ruleId: 'cws.er.ten-day-response', startAt: '2026-10-01T16:30:00.000Z' },
      });
      expect(downgradeClocks({ ...accepted, decidedAt: null }).open.startAt).toBe('2026-10-01T16:00:00.000Z');
    });
  });

  describe('contact', () => {
    it('before screening is refused (e2e: contact before screening → 409)', () =>
      expect(contactRefusal(received, '2026-10-01T10:00:00-07:00')).toEqual({
        refused: 'In-person contact is recorded on an accepted referral',
      }));
    it('before the screening decision is refused', () =>
      expect(contactRefusal(accepted, '2026-10-01T09:29:00-07:00')).toEqual({ refused: 'Contact cannot precede the screening decision' }));
    it('at or after the decision is recorded', () => {
      expect(contactRefusal(accepted, '2026-10-01T09:30:00-07:00')).toBeUndefined();
      expect(contactRefusal(accepted, '2026-10-02T10:00:00-07:00')).toBeUndefined();
    });
  });

  describe('the first face-to-face contact starts the investigation-disposition clock (RULES.md 1: 30 CD from first contact)', () => {
    const madeAt = '2026-10-02T10:00:00-07:00';
    it('on an investigation: meets the response clock and opens the 30 days from the contact itself', () =>
      expect(firstContactClocks(accepted, madeAt)).toEqual({
        satisfy: ['er-response', 'er-response-10-day'],
        open: [{ purpose: 'investigation-disposition', ruleId: 'cws.er.investigation-disposition', startAt: madeAt }],
      }));
    it('on Differential Response: meets the response clock, no disposition clock', () =>
      expect(firstContactClocks({ ...accepted, screeningDecision: 'differential-response' }, madeAt)).toEqual({
        satisfy: ['er-response', 'er-response-10-day'],
        open: [],
      }));
    it('a later contact changes no clock', () =>
      expect(firstContactClocks(contacted, '2026-10-03T10:00:00-07:00')).toEqual({ satisfy: [], open: [] }));
  });

  it('assessments are recorded on accepted referrals', () => {
    expect(assessmentRefusal(accepted)).toBeUndefined();
    expect(assessmentRefusal(received)).toEqual({ refused: 'SDM assessments are recorded on an accepted referral' });
  });

  describe('disposition', () => {
    it('needs an investigation', () => {
      expect(dispositionRefusal({ ...contacted, screeningDecision: 'differential-response' })).toEqual({
        refused: 'A disposition closes an investigation: the referral must be accepted for investigation',
      });
      expect(dispositionRefusal(received)).toEqual({
        refused: 'A disposition closes an investigation: the referral must be accepted for investigation',
      });
    });
    it('comes after in-person contact (e2e: disposition before contact → 409 "before in-person contact")', () =>
      expect(dispositionRefusal(accepted)).toEqual({ refused: 'An investigation cannot be disposed of before in-person contact' }));
    it('is made once', () =>
      expect(dispositionRefusal({ ...contacted, disposition: 'unfounded' })).toEqual({
        refused: 'The investigation was already disposed of (unfounded)',
      }));
    it('is recorded on a contacted investigation', () => expect(dispositionRefusal(contacted)).toBeUndefined());
  });

  it('a removal is recorded on an accepted referral, not before the report', () => {
    expect(removalRefusal(received)).toEqual({ refused: 'A removal is recorded on an accepted referral' });
    expect(removalRefusal(accepted)).toBeUndefined();
    expect(removalDateRefusal(accepted, '2026-10-01T08:59:00-07:00')).toEqual({ refused: 'A removal cannot precede the referral' });
    expect(removalDateRefusal(accepted, '2026-10-01T09:00:00-07:00')).toBeUndefined();
  });

  it('a case without removal opens from an accepted, contacted referral', () => {
    expect(openCaseRefusal(received)).toEqual({ refused: 'A case opens from an accepted referral' });
    expect(openCaseRefusal(accepted)).toEqual({ refused: 'A case opens after the in-person response' });
    expect(openCaseRefusal(contacted)).toBeUndefined();
  });
});
