import {
  compliancePlanOutcomeUpdate,
  compliancePlanUpdate,
  cureRequestUpdate,
  goodCauseUpdate,
  linkagesKnownSignal,
  supervisorReviewUpdate,
} from './sanction.messages';
import { createSanctionHarness, type SanctionHarness } from './sanction-harness.spec-helper';
import { refusalOf } from './sanction-refusal.spec-helper';

// The sanction process at real durations in the time-skipping test server, with its clocks running as real deadline
// workflows (relay included) and a real outbox in PostgreSQL. Dates are hand-counted (RULES.md 3 and 6); scenarios
// run in chronological order on one test server, which starts at today's date and only moves forward.
const EC = '33333333-3333-4333-8333-333333333333';

describe('WTW sanction process (time-skipping server, real deadline workflows, hand-counted dates)', () => {
  let h: SanctionHarness;
  beforeAll(async () => {
    h = await createSanctionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('good cause on day 5 ends the episode; the second parent’s own episode goes on to a sanction request on day 20', async () => {
    // NA 840 and NA 845 on Wed 6 Jan 2027 (two-parent AU: one episode each, ACL 04-47). Day 1 = Thu 7 Jan; day 5 =
    // Mon 11 Jan; day 20 = Tue 26 Jan 2027 (open).
    await h.travelTo('2027-01-06T13:00');
    const first = h.input({ noticeIssuedOn: '2027-01-06' });
    const second = h.input({ noticeIssuedOn: '2027-01-06', noticeForm: 'NA 845', auId: first.auId, familyId: first.familyId });
    const a = await h.start(first);
    const b = await h.start(second);
    expect((await h.view(a)).compliancePeriodEndsOn).toBe('2027-01-26');

    await h.travelTo('2027-01-11T10:00');
    // Bad input changes nothing and says why.
    expect(
      await refusalOf(a.executeUpdate(goodCauseUpdate, { args: [{ ground: 'overslept', determinedOn: '2027-01-11', by: EC }] })),
    ).toMatch(/'overslept' is not a good-cause ground/);
    expect(
      await refusalOf(a.executeUpdate(goodCauseUpdate, { args: [{ ground: 'exempt-eligible', determinedOn: '2027-01-12', by: EC }] })),
    ).toMatch(/in the future/);
    expect(
      await refusalOf(a.executeUpdate(cureRequestUpdate, { args: [{ contactOn: '2027-01-11', childCareNeeded: false, by: EC }] })),
    ).toMatch(/no sanction to cure/);
    const view = await a.executeUpdate(goodCauseUpdate, {
      args: [{ ground: 'child-care-unavailable-sb80', determinedOn: '2027-01-11', by: EC }],
    });
    expect(view.state).toMatchObject({ status: 'resolved', resolution: { kind: 'good-cause', on: '2027-01-11' } });
    await h.finished(a);
    await h.settle();
    expect(await h.clocks(first.episodeId)).toEqual({ 'compliance-period': 'satisfied', 'untick-guard': 'cancelled' });

    await h.travelTo('2027-01-27T00:05');
    const other = await h.viewWhen(b, (v) => v.state.status === 'sanction-requested', 'second parent’s sanction request');
    expect(other.state.status).toBe('sanction-requested');
    expect(other.state.request).toMatchObject({ requestedOn: '2027-01-26', basis: 'compliance-period-ended', notice: 'NA 845' });
    const events = (await h.events(first.familyId)).filter((e) => !e.type.startsWith('deadline-'));
    expect(events.map((e) => [e.type, e.data['episodeId']])).toEqual([
      ['noncompliance-started', first.episodeId],
      ['noncompliance-started', second.episodeId],
      ['good-cause-found', first.episodeId],
      ['sanction-requested', second.episodeId],
    ]);
    expect(events[2]?.data).toMatchObject({ determinedOn: '2027-01-11', ground: 'child-care-unavailable-sb80' });
    // The compliance-period clock is a real deadline workflow: its due event is what moved the second parent on.
    const dueEvents = (await h.events(first.familyId)).filter((e) => e.type === 'deadline-due');
    expect(dueEvents.map((e) => e.data['subjectRef'])).toEqual([`wtw-episode/${second.episodeId}/compliance-period`]);
  }, 120_000);

  it('compliance plan signed on day 19, then failed without good cause: straight to a sanction request (NA 817), imposed', async () => {
    // NA 840 on Mon 1 Feb 2027. Day 19 = Sat 20 Feb (signed by phone); day 20 = Sun 21 Feb, closed → Mon 22 Feb 2027
    // (CCP 12a). The family is known to child welfare (case opened): flagged; a conflicting case-plan activity
    // proposes good cause for the worker, who decides nothing here, so the process goes on.
    await h.travelTo('2027-02-01T13:00');
    const input = h.input({
      noticeIssuedOn: '2027-02-01',
      knownToChildWelfare: { source: 'case-opened', eventId: globalThis.crypto.randomUUID() },
    });
    const wf = await h.start(input);
    expect((await h.view(wf)).compliancePeriodEndsOn).toBe('2027-02-22');
    await h.travelTo('2027-02-03T09:00');
    const removal = {
      eventId: globalThis.crypto.randomUUID(),
      source: 'child-removed' as const,
      knownOn: '2027-02-03',
      casePlanActivityConflict: true,
    };
    await wf.signal(linkagesKnownSignal, removal);
    await wf.signal(linkagesKnownSignal, removal); // redelivered: ignored
    await h.travelTo('2027-02-20T11:00');
    await wf.executeUpdate(compliancePlanUpdate, { args: [{ signedOn: '2027-02-20', planEndsOn: '2027-03-20', by: EC }] });
    await h.travelTo('2027-02-23T00:05');
    expect((await h.view(wf)).state.status).toBe('compliance-plan'); // day 20 passed: the signed plan holds it
    expect(await h.clocks(input.episodeId)).toEqual({ 'compliance-period': 'satisfied', 'untick-guard': 'open' });

    await h.travelTo('2027-03-03T10:00');
    const failed = await wf.executeUpdate(compliancePlanOutcomeUpdate, { args: [{ outcome: 'failed', on: '2027-03-03', by: EC }] });
    expect(failed.state.request).toMatchObject({ basis: 'compliance-plan-failed', notice: 'NA 817', requestedOn: '2027-03-03' });
    await h.travelTo('2027-03-04T09:00');
    const imposed = await wf.executeUpdate(supervisorReviewUpdate, { args: [{ decision: 'sanction', reviewedOn: '2027-03-04', by: EC }] });
    // 20-day period to Mon 22 Feb + 10 days' timely notice = Thu 4 Mar 2027, the day it was recorded.
    expect(imposed.state.sanction).toMatchObject({ imposedOn: '2027-03-04', effectiveOn: '2027-03-04', status: 'imposed' });
    expect(imposed.state.sanction?.explanation).toContain('MPP 22-072');
    expect(
      await refusalOf(wf.executeUpdate(compliancePlanUpdate, { args: [{ signedOn: '2027-03-04', planEndsOn: '2027-04-04', by: EC }] })),
    ).toMatch(/cannot be signed after the sanction is imposed/);

    const events = (await h.events(input.familyId)).filter((e) => !e.type.startsWith('deadline-'));
    expect(events.map((e) => e.type)).toEqual([
      'noncompliance-started',
      'linkages-priority-flagged',
      'good-cause-proposed',
      'compliance-plan-signed',
      'sanction-requested',
      'sanction-imposed',
    ]);
    expect(events[2]?.data).toMatchObject({
      ground: 'cws-case-plan-activity-conflict',
      decisionBy: 'employment-counselor',
      proposedOn: '2027-02-03',
    });
    expect(events[4]?.data).toMatchObject({ reason: 'compliance-plan-failed', requestedOn: '2027-03-03', auId: input.auId });
    expect(events[5]?.data).toMatchObject({ effectiveOn: '2027-03-04', participantId: input.participantId });
    // Since 1.1 every WTW event names its AU (Linkages attributes it without reading familyId as the AU).
    for (const e of events) expect({ type: e.type, auId: e.data['auId'] }).toEqual({ type: e.type, auId: input.auId });
    const [row] = await h.rows<{ effective_on: string; status: string }>(
      `SELECT effective_on::text, status FROM "${h.schema}".wtw_sanctions WHERE episode_id = $1`,
      [input.episodeId],
    );
    expect(row).toEqual({ effective_on: '2027-03-04', status: 'imposed' });
    expect(await h.clocks(input.episodeId)).toMatchObject({ 'sanction-review': 'satisfied', 'untick-guard': 'satisfied' });
  }, 120_000);
});
