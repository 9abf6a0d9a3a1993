import { WorkflowUpdateFailedError } from '@temporalio/client';
import { compliancePlanUpdate, cureRequestUpdate, goodCauseUpdate, linkagesKnownSignal } from './sanction.messages';
import { createSanctionHarness, type SanctionHarness } from './sanction-harness.spec-helper';

// The sanction process at real durations in the time-skipping test server, with its clocks running as real deadline
// workflows (relay included) and a real outbox in PostgreSQL. Dates are hand-counted (RULES.md 3 and 6); scenarios
// run in chronological order on one test server, which starts at today's date and only moves forward.
const EC = '33333333-3333-4333-8333-333333333333';

const refusalOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) return String((e.cause as Error | undefined)?.message ?? e.message);
    throw e;
  }
  throw new Error('expected a refusal');
};

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
    await a.result();
    await h.settle();
    expect(await h.clocks(first.episodeId)).toEqual({ 'compliance-period': 'satisfied', 'untick-guard': 'cancelled' });

    await h.travelTo('2027-01-27T00:05');
    const other = await h.view(b);
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
    void linkagesKnownSignal;
    void compliancePlanUpdate;
  }, 120_000);
});
