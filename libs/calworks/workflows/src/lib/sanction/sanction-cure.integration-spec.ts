import {
  childCareExtensionUpdate,
  childCareInPlaceUpdate,
  compliancePlanUpdate,
  cureCompletedUpdate,
  cureRequestUpdate,
  curePlanUpdate,
  hearingDecisionUpdate,
  stateHearingUpdate,
  supervisorReviewUpdate,
} from './sanction.messages';
import { createSanctionHarness, type SanctionHarness } from './sanction-harness.spec-helper';
import { refusalOf } from './sanction-refusal.spec-helper';

// Cures at real durations (time-skipping server, real deadline workflows): no durational sanction, cure plan within
// 10 days, cure activity at most 30 days, SB 80 child care first, aid restored on the 1st of the month after the cure
// contact; a cure before the cut takes effect lifts it (RULES.md 3). Dates hand-counted.
const EC = '33333333-3333-4333-8333-333333333333';
const SUP = '44444444-4444-4444-8444-444444444444';

describe('WTW sanction cures (time-skipping server, real deadline workflows, hand-counted dates)', () => {
  let h: SanctionHarness;
  beforeAll(async () => {
    h = await createSanctionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sanction in April, cure contact in May with child care first (SB 80): aid restored on Tue 1 Jun 2027', async () => {
    // NA 840 Thu 1 Apr 2027 → day 20 Wed 21 Apr; the request at its end; effective 21 Apr + 10 = Sat 1 May 2027 (not moved).
    await h.travelTo('2027-04-01T13:00');
    const input = h.input({ noticeIssuedOn: '2027-04-01' });
    const wf = await h.start(input);
    await h.travelTo('2027-04-22T00:05');
    expect((await h.viewWhen(wf, (v) => v.state.request !== undefined, 'sanction requested')).state.request).toMatchObject({
      requestedOn: '2027-04-21',
      reviewDueAt: '2027-04-22T23:59:59.999-07:00',
    });
    await h.travelTo('2027-04-22T10:00');
    const imposed = await wf.executeUpdate(supervisorReviewUpdate, { args: [{ decision: 'sanction', reviewedOn: '2027-04-22', by: SUP }] });
    expect(imposed.state.sanction?.effectiveOn).toBe('2027-05-01');
    expect(
      await refusalOf(wf.executeUpdate(compliancePlanUpdate, { args: [{ signedOn: '2027-04-22', planEndsOn: '2027-05-22', by: EC }] })),
    ).toMatch(/after the sanction is imposed/);

    // A state hearing asked for before the action takes effect: aid paid pending (MPP 22-009.1); sustained later.
    await h.travelTo('2027-04-28T10:00');
    const hearing = await wf.executeUpdate(stateHearingUpdate, { args: [{ requestedOn: '2027-04-28', by: EC }] });
    expect(hearing.state.sanction?.hearing).toEqual({ requestedOn: '2027-04-28', aidPaidPending: true, lastDay: '2027-07-30' });
    await h.travelTo('2027-05-05T10:00');
    await wf.executeUpdate(hearingDecisionUpdate, { args: [{ decidedOn: '2027-05-05', outcome: 'sustained', by: EC }] });

    await h.travelTo('2027-05-10T10:00');
    await wf.executeUpdate(cureRequestUpdate, { args: [{ contactOn: '2027-05-10', childCareNeeded: true, by: EC }] });
    await h.travelTo('2027-05-12T10:00');
    await wf.executeUpdate(curePlanUpdate, { args: [{ signedOn: '2027-05-12', by: EC }] });
    expect(await refusalOf(wf.executeUpdate(cureCompletedUpdate, { args: [{ completedOn: '2027-05-12', by: EC }] }))).toMatch(/SB 80/);
    // Still arranging child care: the SB 80 good cause gets its one more 15-day increment (10 May + 30 = Wed 9 Jun 2027).
    await wf.executeUpdate(childCareExtensionUpdate, { args: [{ requestedOn: '2027-05-12', by: EC }] });
    expect(await refusalOf(wf.executeUpdate(childCareExtensionUpdate, { args: [{ requestedOn: '2027-05-12', by: EC }] }))).toMatch(
      /30 days is the most/,
    );
    await h.settle();
    const sb80 = await h.deadlines.view(await h.deadlineIdOf(input.episodeId, 'sb80-child-care-1'));
    expect(sb80.due.dueDate).toBe('2027-06-09');
    await h.travelTo('2027-05-14T10:00');
    await wf.executeUpdate(childCareInPlaceUpdate, { args: [{ on: '2027-05-14', by: EC }] });
    await h.settle();
    // The cure activity runs from the day child care is in place: at most 30 days → Sun 13 Jun 2027, not moved.
    const activity = await h.deadlines.view(await h.deadlineIdOf(input.episodeId, 'cure-activity-1'));
    expect(activity.due.dueDate).toBe('2027-06-13');
    await h.travelTo('2027-06-02T10:00');
    const cured = await wf.executeUpdate(cureCompletedUpdate, { args: [{ completedOn: '2027-06-02', by: EC }] });
    expect(cured.state.sanction).toMatchObject({ status: 'cured', curedOn: '2027-06-02', aidRestoredOn: '2027-06-01' });
    expect(cured.state.sanction?.aidRestorationExplanation).toContain('LA DPSS GAIN 1370');
    await h.finished(wf);
    await h.settle();
    expect(await h.clocks(input.episodeId)).toEqual({
      'compliance-period': 'cancelled', // fell due at day 20; the sanction request ended it
      'untick-guard': 'satisfied',
      'sanction-review': 'satisfied',
      'cure-plan-1': 'satisfied',
      'sb80-child-care-1': 'satisfied',
      'cure-activity-1': 'satisfied',
    });
    const events = (await h.events(input.familyId)).filter((e) => !e.type.startsWith('deadline-'));
    expect(events.map((e) => e.type)).toEqual(['noncompliance-started', 'sanction-requested', 'sanction-imposed', 'sanction-cured']);
    expect(events[3]?.data).toMatchObject({
      curedOn: '2027-06-02',
      aidRestoredOn: '2027-06-01',
      how: 'cure-plan-completed',
      auId: input.auId,
    });
  }, 120_000);

  it('a cure done after day 20 but before the cut takes effect lifts the sanction: no cut', async () => {
    // NA 840 Thu 1 Jul 2027 → day 20 Wed 21 Jul; effective 21 Jul + 10 = Sat 31 Jul 2027. Cure done Thu 29 Jul.
    await h.travelTo('2027-07-01T13:00');
    const input = h.input({ noticeIssuedOn: '2027-07-01' });
    const wf = await h.start(input);
    await h.travelTo('2027-07-22T10:00');
    await h.viewWhen(wf, (v) => v.state.status === 'sanction-requested', 'sanction requested');
    await wf.executeUpdate(supervisorReviewUpdate, { args: [{ decision: 'sanction', reviewedOn: '2027-07-22', by: SUP }] });
    await h.travelTo('2027-07-23T10:00');
    await wf.executeUpdate(cureRequestUpdate, { args: [{ contactOn: '2027-07-23', childCareNeeded: false, by: EC }] });
    await h.travelTo('2027-07-24T10:00');
    await wf.executeUpdate(curePlanUpdate, { args: [{ signedOn: '2027-07-24', by: EC }] });
    await h.travelTo('2027-07-29T10:00');
    const lifted = await wf.executeUpdate(cureCompletedUpdate, { args: [{ completedOn: '2027-07-29', by: EC }] });
    expect(lifted.state.sanction).toMatchObject({ status: 'lifted', effectiveOn: '2027-07-31', aidRestoredOn: '2027-07-31' });
    expect(lifted.state.resolution).toEqual({ kind: 'lifted', on: '2027-07-29' });
    await h.finished(wf);
    const [row] = await h.rows<{ status: string }>(`SELECT status FROM "${h.schema}".wtw_sanctions WHERE episode_id = $1`, [
      input.episodeId,
    ]);
    expect(row?.status).toBe('lifted');
    expect(
      await refusalOf(
        (async () => {
          const again = h.input({ noticeIssuedOn: '2027-07-29' });
          const other = await h.start(again);
          return other.executeUpdate(cureRequestUpdate, { args: [{ contactOn: '2027-07-29', childCareNeeded: false, by: EC }] });
        })(),
      ),
    ).toMatch(/no sanction to cure/);
  }, 120_000);
});
