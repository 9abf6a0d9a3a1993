import { DateTime } from 'luxon';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyStore } from '@linkages/platform-testing';
import { acknowledgeEscalationUpdate, deadlineChangedSignal, escalationViewQuery } from './escalation.workflow';
import { STAFF, STRANGER, createEscalationHarness, frozenPolicy } from './escalation.spec-helper';

const H = 3_600_000;
const ZONE = 'America/Los_Angeles';
const store = historyStore(join(__dirname, '..', '..', '..', 'histories'));
const save = process.env['REFRESH_HISTORIES'] === '1';

describe('escalationWorkflow (time-skipping)', () => {
  let h: Awaited<ReturnType<typeof createEscalationHarness>>;
  beforeAll(async () => {
    h = await createEscalationHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('fires level 1 at once, shows who is next and when, and an acknowledgment at level 2 stops level 3', async () => {
    const handle = await h.start({ frozen: frozenPolicy() });
    const t0 = Date.parse(await h.now());
    await h.skipTo(t0 + 1000);
    let view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 1, round: 0, next: { level: 2, role: 'supervisor' } });
    const raisedAt = Date.parse(view.timeline.find((e) => e.kind === 'level-raised')?.at ?? '');
    expect(Date.parse(view.next?.at ?? '')).toBe(raisedAt + 4 * H);
    await h.skipTo(t0 + 5 * H);
    view = await handle.query(escalationViewQuery);
    expect(view.level).toBe(2);
    expect(view.recipients['2']?.map((r) => r.staffId)).toEqual([STAFF['supervisor']]);
    await expect(handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: STRANGER, via: 'api' }] })).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
    view = await handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: STAFF['supervisor'] ?? '', via: 'api' }] });
    expect(view.status).toBe('acknowledged');
    await expect(
      handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: STAFF['supervisor'] ?? '', via: 'link' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await h.skipTo(t0 + 12 * H);
    const deadlineId = (await handle.describe()).workflowId.split('/')[2];
    expect(h.calls.deliver.filter((d) => d.subject.deadlineId === deadlineId).map((d) => d.level)).toEqual([1, 2]);
    expect((await handle.query(escalationViewQuery)).level).toBe(2);
    await handle.signal(deadlineChangedSignal, { kind: 'satisfied', at: await h.now() });
    view = await handle.result();
    expect(view.status).toBe('resolved');
    await expect(
      handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: STAFF['supervisor'] ?? '', via: 'api' }] }),
    ).rejects.toThrow();
    const published = h.calls.record.filter((r) => r.publish).map((r) => r.publish?.type);
    expect(published).toEqual(['escalation-raised', 'escalation-raised', 'escalation-acknowledged']);
    if (save) await store.save('escalation-acknowledged-at-level-2-satisfied', handle);
  }, 120_000);

  it('repeats the terminal level at most repeat.max times, then waits; an extension past now ends it', async () => {
    const handle = await h.start({ frozen: frozenPolicy({}, 2) });
    const t0 = Date.parse(await h.now());
    await h.skipTo(t0 + 40 * H);
    const view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 3, round: 2, next: null });
    const deadlineId = (await handle.describe()).workflowId.split('/')[2];
    const kinds = h.calls.deliver.filter((d) => d.subject.deadlineId === deadlineId).map((d) => `${d.level}/${d.round}/${d.kind}`);
    expect(kinds).toEqual(['1/0/escalation', '2/0/escalation', '3/0/escalation', '3/1/repeat', '3/2/repeat']);
    await handle.signal(deadlineChangedSignal, { kind: 'extended', dueAt: new Date(t0 + 100 * H).toISOString(), at: await h.now() });
    expect((await handle.result()).status).toBe('resolved');
    if (save) await store.save('escalation-repeats-capped-extended', handle);
  }, 120_000);

  it('re-opens at the next level after the acknowledgment expiry', async () => {
    const handle = await h.start({ frozen: frozenPolicy() });
    const t0 = Date.parse(await h.now());
    await h.skipTo(t0 + H);
    await handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: STAFF['assigned-worker'] ?? '', via: 'api' }] });
    await h.skipTo(t0 + 26 * H);
    const view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 2 });
    expect(view.timeline.map((e) => e.kind)).toContain('reopened');
    await handle.signal(deadlineChangedSignal, { kind: 'cancelled', at: await h.now() });
    await handle.result();
    if (save) await store.save('escalation-reopened-after-expiry-cancelled', handle);
  }, 120_000);

  it('counts business-hours windows across a weekend and a holiday', async () => {
    // Start on the Wednesday before Thanksgiving at 16:00 PT: 1 business hour that day, Thanksgiving and the day after
    // closed, the weekend skipped; level 2 is due the Monday after at 11:00 PT.
    const now = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE });
    let year = now.year;
    const thanksgiving = (y: number) => {
      const first = DateTime.fromObject({ year: y, month: 11, day: 1 }, { zone: ZONE });
      return first.plus({ days: ((4 - first.weekday + 7) % 7) + 21 });
    };
    if (thanksgiving(year).minus({ days: 2 }) < now) year += 1;
    const wednesday = thanksgiving(year).minus({ days: 1 }).set({ hour: 16 });
    const monday = thanksgiving(year).plus({ days: 4 }).set({ hour: 11 });
    await h.skipTo(wednesday.toMillis());
    const handle = await h.start({ frozen: frozenPolicy({ windows: 'business-hours' }) });
    await h.skipTo(wednesday.toMillis() + 10_000);
    const view = await handle.query(escalationViewQuery);
    const drift = Date.parse(view.timeline.find((e) => e.kind === 'level-raised')?.at ?? '') - wednesday.toMillis();
    expect(Date.parse(view.next?.at ?? '')).toBe(monday.toMillis() + drift);
    await h.skipTo(monday.toMillis() - H);
    expect((await handle.query(escalationViewQuery)).level).toBe(1);
    await h.skipTo(monday.toMillis() + H);
    expect((await handle.query(escalationViewQuery)).level).toBe(2);
    await handle.signal(deadlineChangedSignal, { kind: 'satisfied', at: await h.now() });
    await handle.result();
    if (save) await store.save('escalation-business-hours-thanksgiving-weekend', handle);
  }, 120_000);
});
