import type { CaseState, HearingType } from './child-welfare.types';
import {
  continuanceLimitRefusal,
  continuanceReason,
  dispositionClocks,
  hearingClock,
  hearingDecision,
  hearingPreconditionRefusal,
  nextFmReview,
  noDeadlineToContinue,
  petitionClocks,
  petitionRefusal,
  removalClocks,
  removalSequenceRefusal,
  section36626Rule,
  servicesTermination,
  type HearingFacts,
  type HearingInput,
} from './court-timeline.rules';
import { cwsDispositionRules } from './rules/cws-disposition.rules';
import { cwsRules } from './rules/cws.rules';

const detainedCase: CaseState = {
  type: 'emergency-response',
  status: 'open',
  openedOn: '2026-08-05',
  detained: true,
  petitionFiledOn: '2026-08-07',
  jurisdictionOn: null,
  dispositionOn: null,
};
const frCase: CaseState = { ...detainedCase, type: 'family-reunification', jurisdictionOn: '2026-09-11', dispositionOn: '2026-09-25' };
const fmCase: CaseState = {
  ...detainedCase,
  type: 'family-maintenance-court',
  detained: false,
  jurisdictionOn: '2026-09-11',
  dispositionOn: '2026-09-25',
};
const none: HearingFacts = { detentionHearingOpen: false, currentFmReview: undefined };
const hearing = (type: HearingType, outcome: string, heldOn = '2026-10-01'): HearingInput => ({
  type,
  outcome,
  heldOn,
  continuanceBasis: 'wic-352',
});
const at = (heldOn: string) => `${heldOn}T00:00:00.000-07:00`;

describe('court timeline', () => {
  it('which clock each hearing type satisfies', () => {
    expect(hearingClock('detention', undefined)).toBe('detention-hearing');
    expect(hearingClock('jurisdiction', undefined)).toBe('jurisdiction');
    expect(hearingClock('six-month-review', undefined)).toBe('six-month-review');
    expect(hearingClock('twelve-month-permanency', undefined)).toBe('twelve-month-permanency');
    expect(hearingClock('eighteen-month-review', undefined)).toBe('eighteen-month-review');
    expect(hearingClock('section-366-26', undefined)).toBe('section-366-26');
    // WIC 358(a): a continuance of the disposition hearing moves the disposition clock opened at jurisdiction.
    expect(hearingClock('disposition', undefined)).toBe('disposition');
    expect(hearingClock('twenty-four-month-review', undefined)).toBeUndefined();
    expect(hearingClock('family-maintenance-review', 'fm-review-2')).toBe('fm-review-2');
    expect(hearingClock('family-maintenance-review', undefined)).toBeUndefined();
  });

  it('FM reviews are numbered after every FM review so far, from the hearing date', () => {
    expect(nextFmReview(0, '2026-09-25')).toEqual({
      purpose: 'fm-review-1',
      ruleId: 'cws.court.family-maintenance-review',
      startAt: at('2026-09-25'),
    });
    expect(nextFmReview(2, '2026-09-25').purpose).toBe('fm-review-3');
  });

  it('a removal starts the petition, case plan, CFT and entered-foster-care clocks from the removal instant', () => {
    const removedAt = '2026-08-05T16:00:00-07:00';
    expect(removalClocks(removedAt, false)).toEqual([
      { purpose: 'petition-filing', ruleId: 'cws.court.petition-filing', startAt: removedAt },
      { purpose: 'initial-case-plan', ruleId: 'cws.case.initial-case-plan', startAt: removedAt },
      { purpose: 'first-cft', ruleId: 'cws.case.first-cft-meeting', startAt: removedAt },
      { purpose: 'entered-foster-care', ruleId: 'cws.court.entered-foster-care-anchor', startAt: removedAt },
    ]);
    expect(removalClocks(removedAt, true)[2]).toEqual({
      purpose: 'first-cft',
      ruleId: 'cws.case.first-cft-meeting-icwa',
      startAt: removedAt,
    });
    expect(removalSequenceRefusal(true)).toEqual({ refused: 'This child is already removed in this case' });
    expect(removalSequenceRefusal(false)).toBeUndefined();
  });

  it('the petition: once; meets the 48-hour clock; detention hearing when detained, else jurisdiction', () => {
    expect(petitionRefusal(detainedCase)).toEqual({ refused: 'The petition was already filed' });
    expect(petitionRefusal({ petitionFiledOn: null })).toBeUndefined();
    const filedAt = '2026-08-07T10:00:00-07:00';
    expect(petitionClocks(true, filedAt)).toEqual({
      satisfy: 'petition-filing',
      open: { purpose: 'detention-hearing', ruleId: 'cws.court.detention-hearing', startAt: filedAt },
    });
    expect(petitionClocks(false, filedAt)).toEqual({
      satisfy: 'petition-filing',
      open: { purpose: 'jurisdiction', ruleId: 'cws.court.jurisdiction-not-detained', startAt: filedAt },
    });
  });

  describe('every hearing', () => {
    it('comes after the petition (e2e: detention hearing before the petition → 409), except an FM review', () => {
      const unpetitioned = { ...detainedCase, petitionFiledOn: null };
      expect(hearingPreconditionRefusal(unpetitioned, hearing('detention', 'detained'))).toEqual({
        refused: 'No hearing before the petition is filed',
      });
      expect(hearingPreconditionRefusal(unpetitioned, hearing('disposition', 'family-reunification'))).toEqual({
        refused: 'No hearing before the petition is filed',
      });
      expect(hearingPreconditionRefusal(unpetitioned, hearing('family-maintenance-review', 'fm-continued'))).toBeUndefined();
    });
    it('cannot precede the case', () => {
      expect(hearingPreconditionRefusal(detainedCase, hearing('detention', 'detained', '2026-08-04'))).toEqual({
        refused: 'A hearing cannot precede the case',
      });
      expect(hearingPreconditionRefusal(detainedCase, hearing('detention', 'detained', '2026-08-05'))).toBeUndefined();
    });
    it('a continuance moves its deadline with the basis as reason, or is refused without one', () => {
      expect(continuanceReason('wic-352')).toBe('continuance-wic-352');
      expect(continuanceReason('parent-request-wic-319')).toBe('continuance-parent-request-wic-319');
      expect(noDeadlineToContinue('jurisdiction')).toEqual({ refused: 'There is no open jurisdiction deadline to continue' });
    });
  });

  describe('sequence refusals, per hearing type', () => {
    it('detention: for a detained child', () =>
      expect(hearingDecision({ ...detainedCase, detained: false }, hearing('detention', 'detained'), none)).toEqual({
        refused: 'A detention hearing is for a detained child',
      }));
    it('jurisdiction: once', () =>
      expect(
        hearingDecision({ ...detainedCase, jurisdictionOn: '2026-09-11' }, hearing('jurisdiction', 'jurisdiction-found'), none),
      ).toEqual({ refused: 'Jurisdiction was already decided' }));
    it('jurisdiction: after the detention hearing when detained', () => {
      expect(hearingDecision(detainedCase, hearing('jurisdiction', 'jurisdiction-found'), { ...none, detentionHearingOpen: true })).toEqual(
        { refused: 'The detention hearing comes before jurisdiction' },
      );
      expect(
        hearingDecision({ ...detainedCase, detained: false }, hearing('jurisdiction', 'jurisdiction-found'), {
          ...none,
          detentionHearingOpen: true,
        }),
      ).not.toHaveProperty('refused');
    });
    it('disposition: not before jurisdiction (e2e: 409 "before jurisdiction")', () =>
      expect(hearingDecision(detainedCase, hearing('disposition', 'family-reunification'), none)).toEqual({
        refused: 'Disposition cannot come before jurisdiction',
      }));
    it('disposition: once', () =>
      expect(hearingDecision(frCase, hearing('disposition', 'family-reunification'), none)).toEqual({
        refused: 'Disposition was already ordered',
      }));
    it('disposition: orders one of four outcomes', () =>
      expect(hearingDecision({ ...detainedCase, jurisdictionOn: '2026-09-11' }, hearing('disposition', 'held'), none)).toEqual({
        refused: 'A disposition orders family-reunification, family-maintenance, bypass or dismissed, not held',
      }));
    it.each(['six-month-review', 'twelve-month-permanency', 'eighteen-month-review', 'twenty-four-month-review'] as const)(
      '%s: for a family-reunification case',
      (type) => {
        expect(hearingDecision(fmCase, hearing(type, 'services-continued'), none)).toEqual({
          refused: 'Reunification reviews are for family-reunification cases',
        });
        expect(hearingDecision(frCase, hearing(type, 'services-continued'), none)).not.toHaveProperty('refused');
      },
    );
    it('family-maintenance-review: for a Family Maintenance case (court or voluntary)', () => {
      expect(hearingDecision(frCase, hearing('family-maintenance-review', 'fm-continued'), none)).toEqual({
        refused: 'Family Maintenance reviews are for Family Maintenance cases',
      });
      expect(
        hearingDecision({ ...fmCase, type: 'family-maintenance-voluntary' }, hearing('family-maintenance-review', 'fm-continued'), none),
      ).not.toHaveProperty('refused');
    });
    it('section-366-26: no sequence check of its own', () =>
      expect(hearingDecision(detainedCase, hearing('section-366-26', 'guardianship'), none)).not.toHaveProperty('refused'));
  });

  describe('what each hearing does', () => {
    it('detention, child detained: meets its clock, jurisdiction within 15 court days of the order', () =>
      expect(hearingDecision(detainedCase, hearing('detention', 'detained', '2026-08-10'), none)).toEqual({
        set: {},
        steps: [
          { do: 'satisfy', purpose: 'detention-hearing' },
          { do: 'open', clock: { purpose: 'jurisdiction', ruleId: 'cws.court.jurisdiction-detained', startAt: at('2026-08-10') } },
        ],
      }));
    it('detention, child released: meets its clock only', () =>
      expect(hearingDecision(detainedCase, hearing('detention', 'released'), none)).toEqual({
        set: {},
        steps: [{ do: 'satisfy', purpose: 'detention-hearing' }],
      }));
    it('jurisdiction found: sets the date, meets jurisdiction and the entered-foster-care anchor, opens the disposition clocks', () =>
      expect(
        hearingDecision(detainedCase, hearing('jurisdiction', 'jurisdiction-found', '2026-09-11'), {
          ...none,
          detentionHearingOn: '2026-08-10',
        }),
      ).toEqual({
        set: { jurisdictionOn: '2026-09-11' },
        steps: [
          { do: 'satisfy', purpose: 'jurisdiction' },
          { do: 'satisfy', purpose: 'entered-foster-care' },
          // WIC 358(a)(1): 10 court days from the finding (detained); WIC 352(b): 60 days and 6 months after the detention hearing.
          { do: 'open', clock: { purpose: 'disposition', ruleId: 'cws.court.disposition-detained', startAt: at('2026-09-11') } },
          {
            do: 'open',
            clock: { purpose: 'disposition-outer-limit', ruleId: 'cws.court.disposition-outer-limit', startAt: at('2026-08-10') },
          },
          {
            do: 'open',
            clock: { purpose: 'disposition-six-month-limit', ruleId: 'cws.court.disposition-six-month-limit', startAt: at('2026-08-10') },
          },
        ],
      }));
    it('jurisdiction found, child not detained: WIC 358(a)(3) 30 days, no WIC 352(b) limits', () =>
      expect(
        hearingDecision({ ...detainedCase, detained: false }, hearing('jurisdiction', 'jurisdiction-found', '2026-09-11'), none),
      ).toMatchObject({
        steps: [
          {},
          {},
          { do: 'open', clock: { purpose: 'disposition', ruleId: 'cws.court.disposition-not-detained', startAt: at('2026-09-11') } },
        ],
      }));
    it('WIC 352(b): a disposition continuance past 6 months after the detention hearing is refused; up to it, allowed', () => {
      expect(continuanceLimitRefusal('disposition', '2027-02-11', '2027-02-10')).toEqual({
        refused: 'WIC 352(b): the disposition hearing cannot be continued past 2027-02-10, 6 months after the detention hearing',
      });
      expect(continuanceLimitRefusal('disposition', '2027-02-10', '2027-02-10')).toBeUndefined();
      expect(continuanceLimitRefusal('disposition', '2027-03-01', undefined)).toBeUndefined();
      expect(continuanceLimitRefusal('jurisdiction', '2027-03-01', '2027-02-10')).toBeUndefined();
    });
    it('dispositionClocks: detained without a recorded detention hearing → the WIC 358(a) clock only', () => {
      expect(dispositionClocks(true, '2026-09-11', undefined)).toEqual([
        { purpose: 'disposition', ruleId: 'cws.court.disposition-detained', startAt: at('2026-09-11') },
      ]);
      expect(dispositionClocks(false, '2026-09-11', '2026-08-10').map((c) => c.purpose)).toEqual(['disposition']);
    });
    it('jurisdiction dismissed: also closes the case', () =>
      expect(hearingDecision(detainedCase, hearing('jurisdiction', 'dismissed', '2026-09-11'), none)).toMatchObject({
        steps: [{}, {}, { do: 'close', on: '2026-09-11', reason: 'other' }],
      }));

    const adjudicated = { ...detainedCase, jurisdictionOn: '2026-09-11' };
    // Disposition meets its own clocks, then the initial case plan and the first CFT meeting are due at disposition
    // when that comes first (WIC 16501.1; WIC 16501(a)(4), ACL 22-35: "whichever is first").
    const dueAtDisposition = [
      { do: 'satisfy', purpose: 'disposition' },
      { do: 'satisfy', purpose: 'disposition-outer-limit' },
      { do: 'satisfy', purpose: 'disposition-six-month-limit' },
      { do: 'due-at-disposition', heldOn: '2026-09-25', purposes: ['initial-case-plan', 'first-cft'] },
    ];
    it('disposition, family reunification: case plan due at disposition, then the reunification order', () =>
      expect(hearingDecision(adjudicated, hearing('disposition', 'family-reunification', '2026-09-25'), none)).toEqual({
        set: { dispositionOn: '2026-09-25' },
        steps: [...dueAtDisposition, { do: 'order-reunification', orderedOn: '2026-09-25' }],
      }));
    it('disposition, family maintenance: a court FM case, its first FM review', () =>
      expect(hearingDecision(adjudicated, hearing('disposition', 'family-maintenance', '2026-09-25'), none)).toEqual({
        set: { dispositionOn: '2026-09-25', type: 'family-maintenance-court', dispositionOutcome: 'family-maintenance' },
        steps: [...dueAtDisposition, { do: 'open-next-fm-review', from: '2026-09-25' }],
      }));
    it('disposition, bypass: services terminated at disposition', () =>
      expect(hearingDecision(adjudicated, hearing('disposition', 'bypass', '2026-09-25'), none)).toEqual({
        set: { dispositionOn: '2026-09-25', dispositionOutcome: 'bypass' },
        steps: [...dueAtDisposition, { do: 'terminate-services', on: '2026-09-25', basis: 'bypass-at-disposition' }],
      }));
    it('disposition, dismissed: the case closes', () =>
      expect(hearingDecision(adjudicated, hearing('disposition', 'dismissed', '2026-09-25'), none)).toEqual({
        set: { dispositionOn: '2026-09-25', dispositionOutcome: 'dismissed' },
        steps: [...dueAtDisposition, { do: 'close', on: '2026-09-25', reason: 'other' }],
      }));

    it('a review: meets its clock; services terminated; returned home cancels the later reviews and the .26', () => {
      expect(hearingDecision(frCase, hearing('six-month-review', 'services-continued'), none)).toEqual({
        set: {},
        // WIC 366.21(e): the review meets both its limits.
        steps: [
          { do: 'satisfy', purpose: 'six-month-review' },
          { do: 'satisfy', purpose: 'six-month-review-limit' },
        ],
      });
      expect(hearingDecision(frCase, hearing('twelve-month-permanency', 'services-terminated'), none)).toEqual({
        set: {},
        steps: [
          { do: 'satisfy', purpose: 'twelve-month-permanency' },
          { do: 'terminate-services', on: '2026-10-01', basis: 'review-hearing' },
        ],
      });
      expect(hearingDecision(frCase, hearing('eighteen-month-review', 'returned-home'), none)).toEqual({
        set: {},
        steps: [
          { do: 'satisfy', purpose: 'eighteen-month-review' },
          { do: 'cancel-all', reasonCode: 'returned-home', only: /review|permanency|366-26/ },
        ],
      });
    });
    it('the 24-month review has no clock of its own', () =>
      expect(hearingDecision(frCase, hearing('twenty-four-month-review', 'services-continued'), none)).toEqual({ set: {}, steps: [] }));
    it('returned home cancels reviews, permanency and .26 clocks, and nothing else', () => {
      const plan = hearingDecision(frCase, hearing('six-month-review', 'returned-home'), none);
      const cancel = 'steps' in plan ? plan.steps.find((s) => s.do === 'cancel-all') : undefined;
      const only = cancel && cancel.do === 'cancel-all' ? cancel.only : /^$/;
      expect(
        ['six-month-review', 'twelve-month-permanency', 'eighteen-month-review', 'section-366-26', 'fm-review-1'].filter((p) =>
          only.test(p),
        ),
      ).toEqual(['six-month-review', 'twelve-month-permanency', 'eighteen-month-review', 'section-366-26', 'fm-review-1']);
      expect(['case-plan-update-1', 'first-cft', 'visit-x-2026-10', 'initial-case-plan'].filter((p) => only.test(p))).toEqual([]);
    });
    it('an FM review: meets the current FM review clock and opens the next, unless FM is terminated', () => {
      expect(
        hearingDecision(fmCase, hearing('family-maintenance-review', 'fm-continued'), { ...none, currentFmReview: 'fm-review-1' }),
      ).toEqual({
        set: {},
        steps: [
          { do: 'satisfy', purpose: 'fm-review-1' },
          { do: 'open-next-fm-review', from: '2026-10-01' },
        ],
      });
      expect(
        hearingDecision(fmCase, hearing('family-maintenance-review', 'fm-terminated'), { ...none, currentFmReview: 'fm-review-1' }),
      ).toEqual({ set: {}, steps: [{ do: 'satisfy', purpose: 'fm-review-1' }] });
      expect(hearingDecision(fmCase, hearing('family-maintenance-review', 'fm-continued'), none)).toEqual({
        set: {},
        steps: [{ do: 'open-next-fm-review', from: '2026-10-01' }],
      });
    });
    it('a .26 hearing: meets its clock; parental rights terminated for every child still removed', () => {
      expect(hearingDecision(frCase, hearing('section-366-26', 'guardianship'), none)).toEqual({
        set: {},
        steps: [{ do: 'satisfy', purpose: 'section-366-26' }],
      });
      expect(hearingDecision(frCase, hearing('section-366-26', 'parental-rights-terminated'), none)).toEqual({
        set: {},
        steps: [
          { do: 'satisfy', purpose: 'section-366-26' },
          { do: 'terminate-parental-rights', on: '2026-10-01' },
        ],
      });
    });
  });

  it('services terminated: the later reviews stop (not the .26), a .26 hearing counted from that day', () => {
    const t = servicesTermination('2026-10-01', 'review-hearing');
    expect(t.set).toEqual({ servicesTerminatedOn: '2026-10-01' });
    expect(t.cancelAll.reasonCode).toBe('services-terminated');
    expect(
      [
        'six-month-review',
        'six-month-review-limit',
        'twelve-month-permanency',
        'eighteen-month-review',
        'fm-review-1',
        'section-366-26',
        'case-plan-update-1',
        'disposition',
      ].filter((p) => t.cancelAll.only.test(p)),
    ).toEqual(['six-month-review', 'six-month-review-limit', 'twelve-month-permanency', 'eighteen-month-review', 'fm-review-1']);
    // At a later review: the configurable, unconfirmed rule (WIC 366.21/366.22; RULES.md 2 marks this use unconfirmed).
    expect(t.open).toEqual({ purpose: 'section-366-26', ruleId: 'cws.court.section-366-26-after-termination', startAt: at('2026-10-01') });
  });

  it('services bypassed at disposition: the .26 hearing under the confirmed WIC 361.5(f) rule', () => {
    expect(servicesTermination('2026-09-25', 'bypass-at-disposition').open).toEqual({
      purpose: 'section-366-26',
      ruleId: 'cws.court.section-366-26-after-bypass',
      startAt: at('2026-09-25'),
    });
    expect(section36626Rule('review-hearing')).toBe('cws.court.section-366-26-after-termination');
  });

  it('the .26-after-termination rule is unconfirmed and configurable per county; the bypass rule confirmed', () => {
    const rule = (id: string) => cwsRules.find((r) => r.id === id)!;
    expect(rule('cws.court.section-366-26-after-termination')).toMatchObject({
      status: 'unconfirmed',
      configurablePerCounty: true,
      length: 120,
      citation: 'WIC 366.21(g), 366.22(a)',
    });
    expect(rule('cws.court.section-366-26-after-bypass')).toMatchObject({ status: 'confirmed', configurablePerCounty: false });
  });

  it('the disposition rules: WIC 358(a) 10 court days / 30 days, WIC 352(b) 60 days / 6 months, all confirmed, cited and sourced', () => {
    const rule = (id: string) => cwsRules.find((r) => r.id === id)!;
    expect(rule('cws.court.disposition-detained')).toMatchObject({ basis: 'court-days', length: 10, status: 'confirmed' });
    expect(rule('cws.court.disposition-not-detained')).toMatchObject({ basis: 'calendar-days', length: 30, status: 'confirmed' });
    expect(rule('cws.court.disposition-outer-limit')).toMatchObject({ basis: 'calendar-days', length: 60, status: 'confirmed' });
    expect(rule('cws.court.disposition-six-month-limit')).toMatchObject({ basis: 'months', length: 6, status: 'confirmed' });
    expect(rule('cws.court.six-month-review-outer-limit')).toMatchObject({ basis: 'months', length: 12, citation: 'WIC 366.21(e)' });
    for (const r of cwsDispositionRules) {
      expect(r.citation).toMatch(/WIC/);
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.verification.length).toBeGreaterThan(10);
    }
    // A continuance moves the WIC 358(a) clock; the WIC 352(b) limits are not moved by continuances.
    expect(rule('cws.court.disposition-detained').extension.reasonCodes).toContain('continuance-wic-352');
    expect(rule('cws.court.disposition-six-month-limit').extension.allowed).toBe(false);
  });
});
