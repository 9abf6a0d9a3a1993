import { supervisorReviewUpdate } from './sanction.messages';
import { createSanctionHarness, type SanctionHarness } from './sanction-harness.spec-helper';

// The clocks that watch the process itself, at real durations (time-skipping server, real deadline workflows): the
// ACL 15-99 60-day guard and the supervisor's 1-working-day review, its missed clock handed to notifications' ladder.
const SUP = '44444444-4444-4444-8444-444444444444';

describe('WTW sanction guards (time-skipping server, real deadline workflows, hand-counted dates)', () => {
  let h: SanctionHarness;
  beforeAll(async () => {
    h = await createSanctionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the 60-day guard: warnings on days 40, 50 and 57, then good cause and the months unticked at the end of day 60', async () => {
    // NA 840 Wed 1 Sep 2027 → day 20 Tue 21 Sep (request); no review is ever recorded. Day 60 = Sun 31 Oct 2027, not
    // moved (ACL 15-99 counts 60 days). Reminders P20D, P10D, P3D before its end: 11, 21 and 28 Oct 2027.
    await h.travelTo('2027-09-01T13:00');
    const input = h.input({ noticeIssuedOn: '2027-09-01' });
    const wf = await h.start(input);
    const guard = await h.deadlines.view(await h.deadlineIdOf(input.episodeId, 'untick-guard'));
    expect(guard.due.dueAt).toBe('2027-10-31T23:59:59.999-07:00');
    await h.travelTo('2027-09-22T00:05');
    expect((await h.viewWhen(wf, (v) => v.state.status === 'sanction-requested', 'sanction requested')).state.status).toBe(
      'sanction-requested',
    );
    await h.travelTo('2027-10-31T23:00');
    expect((await h.view(wf)).state.status).toBe('sanction-requested');
    await h.travelTo('2027-11-01T00:05');
    const done = await h.finished(wf);
    expect(done.state.resolution).toEqual({ kind: 'untick-guard', on: '2027-10-31' });
    expect(done.state.goodCause).toMatchObject({ ground: 'untick-guard-acl-15-99', phase: 'untick-guard', determinedOn: '2027-10-31' });

    const events = await h.events(input.familyId);
    const warnings = events.filter((e) => e.type === 'deadline-warning' && String(e.data['subjectRef']).endsWith('/untick-guard'));
    expect(warnings.map((w) => w.data['stage'])).toEqual([1, 2, 3]);
    const own = events.filter((e) => !e.type.startsWith('deadline-'));
    expect(own.map((e) => e.type)).toEqual(['noncompliance-started', 'sanction-requested', 'good-cause-found', 'months-unticked']);
    expect(own[3]?.data).toMatchObject({ months: ['2027-09', '2027-10'], reason: 'sixty-day-guard', untickedOn: '2027-10-31' });
    for (const e of own) expect({ type: e.type, auId: e.data['auId'] }).toEqual({ type: e.type, auId: input.auId });
    // The warnings came before the resolution.
    expect(events.findIndex((e) => e.type === 'good-cause-found')).toBeGreaterThan(events.indexOf(warnings[2]!));
    await h.settle();
    expect(await h.clocks(input.episodeId)).toEqual({
      'compliance-period': 'cancelled',
      'untick-guard': 'cancelled',
      'sanction-review': 'cancelled',
    });
  }, 120_000);

  it('a sanction request on the day before Thanksgiving: the review is due Mon 29 Nov 2027 and escalated when not done', async () => {
    // NA 840 Thu 4 Nov 2027 → day 20 Wed 24 Nov; request at its end. 1 working day: Thu 25 Nov (Thanksgiving) and Fri
    // 26 Nov (day after Thanksgiving) are county holidays, then the weekend → due by the end of Mon 29 Nov 2027.
    await h.travelTo('2027-11-04T13:00');
    const input = h.input({ noticeIssuedOn: '2027-11-04' });
    const wf = await h.start(input);
    await h.travelTo('2027-11-25T00:05');
    const requested = await h.viewWhen(wf, (v) => v.state.status === 'sanction-requested', 'sanction requested');
    expect(requested.state.request).toMatchObject({ requestedOn: '2027-11-24', reviewDueAt: '2027-11-29T23:59:59.999-08:00' });
    const review = await h.deadlines.view(await h.deadlineIdOf(input.episodeId, 'sanction-review'));
    expect(review.due.dueAt).toBe('2027-11-29T23:59:59.999-08:00');
    expect(review.due.explanation.summary).toContain('Thanksgiving');

    await h.travelTo('2027-11-29T23:00');
    expect((await h.view(wf)).state.request?.escalationLevel).toBe(0);
    // Overdue at the due instant: the process hears it as level 1; the clock hands the ladder to notifications (issue
    // 14: one overdue event carrying the rule's ladder) and raises no further level itself.
    await h.travelTo('2027-11-30T08:30');
    const escalated = await h.viewWhen(wf, (v) => (v.state.request?.escalationLevel ?? 0) >= 1, 'review overdue (level 1)');
    expect(escalated.state.request?.escalationLevel).toBe(1);
    expect(
      escalated.state.clockNotices.filter((n) => n.purpose === 'sanction-review').map((n) => `${n.kind}:${n.escalationLevel ?? 0}`),
    ).toEqual(['due:0', 'overdue:1']);
    const overdue = (await h.events(input.familyId)).filter(
      (e) => e.type === 'deadline-overdue' && String(e.data['subjectRef']).endsWith('/sanction-review'),
    );
    expect(overdue.map((e) => e.data['escalationLevel'])).toEqual([0]);
    expect(overdue[0]?.data['escalation']).toMatchObject({ ownedBy: 'notifications' });

    // The supervisor finds good cause instead: the request was late in the process (a review ground, RULES.md 3).
    const view = await wf.executeUpdate(supervisorReviewUpdate, {
      args: [{ decision: 'good-cause', ground: 'request-late', reviewedOn: '2027-11-30', by: SUP }],
    });
    expect(view.state.resolution).toEqual({ kind: 'good-cause', on: '2027-11-30' });
    await h.finished(wf);
    const found = (await h.events(input.familyId)).find((e) => e.type === 'good-cause-found');
    expect(found?.data).toMatchObject({ ground: 'request-late', determinedOn: '2027-11-30' });
  }, 120_000);
});
