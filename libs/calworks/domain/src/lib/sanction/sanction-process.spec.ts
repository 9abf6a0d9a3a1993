import { PolicyRegistry } from '@linkages/platform-deadlines';
import { calworksRules } from '../rules/calworks.rules';
import { childCareInPlace, completeCure, extendChildCareGoodCause, linkagesKnown, requestCure, signCurePlan } from './sanction-cure.steps';
import { sanctionRulesFor } from './sanction-dates';
import { initialSanctionState, type SanctionInput, type SanctionState } from './sanction-process';
import {
  refuseChildCareExtension,
  refuseCompliancePlan,
  refuseCure,
  refuseCureCompleted,
  refuseGoodCause,
  refuseReview,
  refuseStart,
} from './sanction-refusals';
import {
  compliancePeriodEnded,
  findGoodCause,
  openEpisode,
  recordPlanOutcome,
  reviewSanctionRequest,
  signCompliancePlan,
  untickGuardReached,
  type StepContext,
} from './sanction-steps';

const BY = '66666666-6666-4666-8666-666666666666';
const input: SanctionInput = {
  episodeId: 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
  familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
  participantId: 'a9b8c7d6-e5f4-4321-8fed-cba987654321',
  auId: '4d3c2b1a-0f9e-4d8c-8b7a-695847362514',
  countyCode: '06085',
  noticeForm: 'NA 840',
  noticeIssuedOn: '2027-01-06',
  reason: 'activity-not-attended',
  rules: sanctionRulesFor(new PolicyRegistry(calworksRules), '06085'),
};
let n = 0;
const ctx = (today: string, now = `${today}T18:00:00.000Z`): StepContext => ({
  input,
  workflowId: `calworks/sanction/${input.episodeId}`,
  id: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  today,
  now,
});
const opened = (): SanctionState => {
  const s = initialSanctionState();
  openEpisode(ctx('2027-01-06'), s);
  return s;
};

describe('sanction process decisions (RULES.md 3)', () => {
  it('opens the episode with its compliance-period and 60-day guard clocks from the notice', () => {
    const s = initialSanctionState();
    const step = openEpisode(ctx('2027-01-06'), s);
    expect(step.events.map((e) => e.kind)).toEqual(['noncompliance-started']);
    expect(step.clocks).toEqual([
      { op: 'open', purpose: 'compliance-period', ruleId: 'calworks.wtw.compliance-period', startAt: '2027-01-06T12:00:00.000-08:00' },
      { op: 'open', purpose: 'untick-guard', ruleId: 'calworks.wtw.untick-guard', startAt: '2027-01-06T12:00:00.000-08:00' },
    ]);
    expect(refuseStart({ ...input, noticeIssuedOn: '2027-01-07' }, '2027-01-06')).toMatch(/in the future/);
  });

  it('good cause in the compliance period resolves the episode; an unknown ground or a future date is refused', () => {
    const s = opened();
    expect(refuseGoodCause(s, input, { ground: 'felt-unwell', determinedOn: '2027-01-11', by: BY }, '2027-01-11')).toMatch(
      /not a good-cause ground/,
    );
    expect(refuseGoodCause(s, input, { ground: 'exempt-eligible', determinedOn: '2027-01-12', by: BY }, '2027-01-11')).toMatch(/future/);
    const step = findGoodCause(ctx('2027-01-11'), s, { ground: 'child-care-unavailable-sb80', determinedOn: '2027-01-11', by: BY });
    expect(s.status).toBe('resolved');
    expect(step.events).toEqual([
      expect.objectContaining({ kind: 'good-cause-found', payload: { determinedOn: '2027-01-11', ground: 'child-care-unavailable-sb80' } }),
    ]);
    expect(step.clocks.map((c) => c.op)).toEqual(['satisfy', 'cancel-all']);
  });

  it('a compliance plan must be signed by day 20; failed without good cause it goes straight to a sanction request (NA 817)', () => {
    const s = opened();
    expect(refuseCompliancePlan(s, input, { signedOn: '2027-01-27', planEndsOn: '2027-02-27', by: BY }, '2027-01-27')).toMatch(
      /after day 20/,
    );
    signCompliancePlan(ctx('2027-01-25'), s, { signedOn: '2027-01-25', planEndsOn: '2027-02-25', by: BY });
    expect(s.status).toBe('compliance-plan');
    expect(compliancePeriodEnded(ctx('2027-01-26'), s, '2027-01-26T23:59:59.999-08:00')).toBeUndefined();
    const failed = recordPlanOutcome(ctx('2027-02-10'), s, { outcome: 'failed', on: '2027-02-10', by: BY });
    expect(s.request).toMatchObject({ basis: 'compliance-plan-failed', notice: 'NA 817', requestedOn: '2027-02-10' });
    expect(failed.clocks).toEqual([
      expect.objectContaining({ op: 'open', purpose: 'sanction-review', ruleId: 'calworks.wtw.sanction-review' }),
    ]);
  });

  it('day 20 with neither → sanction request; the supervisor may find good cause only on a review ground', () => {
    const s = opened();
    const step = compliancePeriodEnded(ctx('2027-01-26'), s, '2027-01-26T23:59:59.999-08:00');
    expect(step?.events.map((e) => e.kind)).toEqual(['sanction-requested']);
    expect(s.request?.requestedOn).toBe('2027-01-26');
    // 1 working day: Wed 27 Jan 2027, end of day.
    expect(s.request?.reviewDueAt).toBe('2027-01-27T23:59:59.999-08:00');
    expect(
      refuseReview(s, { decision: 'good-cause', ground: 'child-care-unavailable-sb80', reviewedOn: '2027-01-27', by: BY }, '2027-01-27'),
    ).toMatch(/not a ground for the supervisor/);
    expect(
      refuseReview(s, { decision: 'good-cause', ground: 'notice-missing-or-wrong', reviewedOn: '2027-01-27', by: BY }, '2027-01-27'),
    ).toBeUndefined();
  });

  it('imposes the sanction effective after the 20 + 10 days; no compliance plan afterwards, a cure instead', () => {
    const s = opened();
    expect(refuseCure(s, { contactOn: '2027-01-20', childCareNeeded: false, by: BY }, '2027-01-20')).toMatch(/no sanction to cure/);
    compliancePeriodEnded(ctx('2027-01-26'), s, '2027-01-26T23:59:59.999-08:00');
    const imposed = reviewSanctionRequest(ctx('2027-01-27'), s, { decision: 'sanction', reviewedOn: '2027-01-27', by: BY });
    expect(s.sanction).toMatchObject({ effectiveOn: '2027-02-05', status: 'imposed' });
    expect(imposed.clocks).toEqual([
      expect.objectContaining({ op: 'satisfy', purpose: 'sanction-review' }),
      expect.objectContaining({ op: 'satisfy', purpose: 'untick-guard' }),
    ]);
    expect(refuseCompliancePlan(s, input, { signedOn: '2027-01-28', planEndsOn: '2027-02-28', by: BY }, '2027-01-28')).toMatch(
      /after the sanction is imposed/,
    );
    expect(untickGuardReached(ctx('2027-03-08'), s, '2027-03-07T23:59:59.999-08:00')).toBeUndefined();
  });

  it('a cure done before the cut takes effect lifts the sanction; a later one restores aid on the 1st after the contact', () => {
    const early = opened();
    compliancePeriodEnded(ctx('2027-01-26'), early, '2027-01-26T23:59:59.999-08:00');
    reviewSanctionRequest(ctx('2027-01-27'), early, { decision: 'sanction', reviewedOn: '2027-01-27', by: BY });
    requestCure(ctx('2027-01-28'), early, { contactOn: '2027-01-28', childCareNeeded: false, by: BY });
    signCurePlan(ctx('2027-01-29'), early, { signedOn: '2027-01-29', by: BY });
    completeCure(ctx('2027-02-03'), early, { completedOn: '2027-02-03', by: BY });
    expect(early.sanction).toMatchObject({ status: 'lifted', aidRestoredOn: '2027-02-05' });

    const late = opened();
    compliancePeriodEnded(ctx('2027-01-26'), late, '2027-01-26T23:59:59.999-08:00');
    reviewSanctionRequest(ctx('2027-01-27'), late, { decision: 'sanction', reviewedOn: '2027-01-27', by: BY });
    const asked = requestCure(ctx('2027-02-15'), late, { contactOn: '2027-02-15', childCareNeeded: true, by: BY });
    expect(asked.clocks.map((c) => c.op === 'open' && c.ruleId)).toEqual([
      'calworks.wtw.cure-plan',
      'calworks.wtw.sb80-child-care-good-cause',
    ]);
    const signed = signCurePlan(ctx('2027-02-18'), late, { signedOn: '2027-02-18', by: BY });
    expect(signed.clocks.map((c) => c.op)).toEqual(['satisfy']); // SB 80: no activity before child care is in place
    expect(refuseCureCompleted(late, { completedOn: '2027-02-20', by: BY }, '2027-02-20')).toMatch(/SB 80/);
    // SB 80: one more 15-day increment while child care is arranged, never a third (30 days at most).
    expect(refuseChildCareExtension(late, input.rules, { requestedOn: '2027-02-20', by: BY }, '2027-02-20')).toBeUndefined();
    const extended = extendChildCareGoodCause(ctx('2027-02-20'), late, { requestedOn: '2027-02-20', by: BY });
    expect(extended.clocks).toEqual([
      { op: 'move', purpose: 'sb80-child-care-1', dueDate: '2027-03-17', reasonCode: 'child-care-still-being-arranged-sb80' },
    ]);
    expect(refuseChildCareExtension(late, input.rules, { requestedOn: '2027-02-21', by: BY }, '2027-02-21')).toMatch(/30 days is the most/);
    const care = childCareInPlace(ctx('2027-02-22'), late, { on: '2027-02-22', by: BY });
    expect(care.clocks).toEqual([
      expect.objectContaining({ op: 'satisfy', purpose: 'sb80-child-care-1' }),
      expect.objectContaining({ op: 'open', purpose: 'cure-activity-1', ruleId: 'calworks.wtw.cure-activity' }),
    ]);
    const cured = completeCure(ctx('2027-03-03'), late, { completedOn: '2027-03-03', by: BY });
    expect(late.sanction).toMatchObject({ status: 'cured', aidRestoredOn: '2027-03-01' });
    expect(cured.events[0]).toMatchObject({ kind: 'sanction-cured', payload: { aidRestoredOn: '2027-03-01' } });
  });

  it('the 60-day guard resolves an episode with no imposed sanction as good cause and unticks the months (ACL 15-99)', () => {
    const s = opened();
    compliancePeriodEnded(ctx('2027-01-26'), s, '2027-01-26T23:59:59.999-08:00');
    const step = untickGuardReached(ctx('2027-03-08'), s, '2027-03-07T23:59:59.999-08:00');
    expect(s.resolution).toEqual({ kind: 'untick-guard', on: '2027-03-07' });
    expect(step?.events.map((e) => e.kind)).toEqual(['good-cause-found', 'months-unticked']);
    expect(step?.events[1]).toMatchObject({ payload: { months: ['2027-01', '2027-02', '2027-03'], reason: 'sixty-day-guard' } });
  });

  it('flags a family child welfare knows once, and proposes (never decides) good cause for a conflicting case-plan activity', () => {
    const s = opened();
    const first = linkagesKnown(ctx('2027-01-08'), s, {
      eventId: 'x',
      source: 'case-opened',
      knownOn: '2027-01-08',
      casePlanActivityConflict: true,
    });
    expect(first?.events.map((e) => e.kind)).toEqual(['linkages-priority-flagged', 'good-cause-proposed']);
    expect(s.status).toBe('compliance-period');
    expect(
      linkagesKnown(ctx('2027-01-09'), s, { eventId: 'y', source: 'child-removed', knownOn: '2027-01-09', casePlanActivityConflict: true }),
    ).toBeUndefined();
  });
});
