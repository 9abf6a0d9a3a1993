import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { ZONE, createDeadlineHarness, nextThanksgivingEve, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { acknowledgeUpdate, deadlineViewQuery, extendUpdate, pauseUpdate, resumeUpdate, satisfyUpdate } from './deadline.messages';
import { calworksRules } from '@linkages/calworks-domain';
import { cwsRules } from '@linkages/child-welfare-domain';
import { PolicyRegistry } from '@linkages/platform-deadlines';

// The platform's deadline tests run real rules of the domains (test fixtures only: production platform code
// never imports a domain).
// County 06085 (the harness's county) applies CCP 12a to the ER 10-day response (a configurable roll; the state
// default keeps day 10, WIC 16504), so the first test below exercises a forward roll across Thanksgiving.
const registry = new PolicyRegistry([...cwsRules, ...calworksRules], {
  '06085': {
    name: 'Santa Clara (test fixture)',
    rules: { 'cws.er.ten-day-response': { rollDirection: 'forward', source: 'Test fixture: a county applying CCP 12a' } },
  },
});

const WORKER_17 = '11111111-1111-4111-8111-111111111111';
const MGR_1 = '22222222-2222-4222-8222-222222222222';
const EC_4 = '33333333-3333-4333-8333-333333333333';
const CSW_9 = '44444444-4444-4444-8444-444444444444';
const SCSW_2 = '55555555-5555-4555-8555-555555555555';
const endOfDay = (d: DateTime) => d.endOf('day').toISO();
const kinds = (events: { type: string; data: Record<string, unknown> }[]) =>
  events.map((e) => (e.type === 'deadline-overdue' ? `overdue:${e.data['escalationLevel']}` : e.type.replace('deadline-', '')));

describe('durable deadline (time-skipping test server, real durations, real outbox)', () => {
  let h: DeadlineHarness;

  beforeAll(async () => {
    h = await createDeadlineHarness({ service: 'child-welfare', registry });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('10 calendar days from the day before Thanksgiving, in a county applying CCP 12a: reminders, due on the Monday after day 10, the ladder handed to notifications', async () => {
    const eve = nextThanksgivingEve(await h.now());
    await h.travelTo(eve.toISO()!);
    const handle = await h.start('cws.er.ten-day-response', eve.toISO()!);
    const { deadlineId } = await handle.query(deadlineViewQuery);
    const view = await handle.query(deadlineViewQuery);
    expect(view.due.dueAt).toBe(endOfDay(eve.plus({ days: 12 })));
    expect(view.due.explanation.rolledForward).toEqual({
      from: eve.plus({ days: 10 }).toISODate(),
      to: eve.plus({ days: 12 }).toISODate(),
    });

    // Through the due instant and two hours more: two reminders, due, and one overdue handing the ladder over.
    await h.travelTo(eve.plus({ days: 13 }).startOf('day').plus({ hours: 2 }).toISO()!);
    expect(kinds(await h.events(deadlineId))).toEqual(['warning', 'warning', 'due', 'overdue:0']);
    let state = (await handle.query(deadlineViewQuery)).state;
    const at = (kind: string) => state.timeline.filter((t) => t.kind === kind).map((t) => DateTime.fromISO(t.at, { zone: ZONE }));
    // Workflow time is the start of the task that runs when the timer fires: the instant itself or a moment later.
    const firedAt = (actual: DateTime, expected: DateTime) => {
      expect(actual.toMillis() - expected.toMillis()).toBeGreaterThanOrEqual(0);
      expect(actual.toMillis() - expected.toMillis()).toBeLessThan(60_000);
    };
    firedAt(at('reminder')[0]!, eve.plus({ days: 12 }).endOf('day').minus({ days: 3 }));
    firedAt(at('reminder')[1]!, eve.plus({ days: 12 }).endOf('day').minus({ days: 1 }));
    firedAt(at('due')[0]!, eve.plus({ days: 12 }).endOf('day'));

    // Acknowledgment belongs to notifications now; the clock raises no level however long we wait.
    const ack = handle.executeUpdate(acknowledgeUpdate, { args: [{ level: 1, by: WORKER_17 }] });
    await expect(ack.catch((e: WorkflowUpdateFailedError) => Promise.reject(e.cause))).rejects.toThrow(/run by notifications/);
    await h.travelTo(eve.plus({ days: 20 }).toISO()!);
    expect(kinds(await h.events(deadlineId))).toEqual(['warning', 'warning', 'due', 'overdue:0']);
    state = (await handle.query(deadlineViewQuery)).state;
    expect(state).toMatchObject({ status: 'overdue', ladderOwner: 'notifications', acknowledged: [] });

    await handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17 }] });
    const done = await handle.result();
    expect(done.state.satisfied).toMatchObject({ by: WORKER_17, late: true });
    expect(kinds(await h.events(deadlineId))).toEqual(['warning', 'warning', 'due', 'overdue:0', 'satisfied']);
  });

  it('a missed clock publishes one overdue with the rule’s ladder and escalation policy, and raises no level itself', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.er.immediate-response', start.toISO()!);
    const { deadlineId, due } = await handle.query(deadlineViewQuery);
    expect(due.dueAt).toBe(start.plus({ hours: 24 }).toISO());
    // The rule's ladder (worker within 1 h → supervisor 2 h → manager 4 h → manager on duty, repeated) travels in the one overdue event.
    await h.travelTo(start.plus({ hours: 24, minutes: 30 }).toISO()!);
    const events = await h.events(deadlineId);
    expect(kinds(events)).toEqual(['warning', 'warning', 'due', 'overdue:0']);
    expect(events.at(-1)?.data['escalation']).toMatchObject({
      ownedBy: 'notifications',
      ladder: [
        { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT1H' },
        { level: 2, role: 'supervisor', acknowledgeWithin: 'PT2H' },
        { level: 3, role: 'manager', acknowledgeWithin: 'PT4H' },
        { level: 4, role: 'manager-on-duty', acknowledgeWithin: 'PT2H', repeat: { every: 'PT2H', max: 3 } },
      ],
      policy: { windows: 'clock-hours', legallyUrgent: true },
    });
    expect(events.at(-1)?.data['explanation']).toEqual(expect.stringContaining('24'));
    await h.travelTo(start.plus({ days: 5 }).toISO()!);
    expect((await h.events(deadlineId)).length).toBe(4); // no level is raised by the clock
    await expect(handle.executeUpdate(acknowledgeUpdate, { args: [{ level: 1, by: MGR_1 }] })).rejects.toThrow(WorkflowUpdateFailedError);
  });

  it('20 calendar days (WTW compliance period): a pause stops the clock; a refused extension changes nothing; satisfied on time', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 10, minute: 0 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('calworks.wtw.compliance-period', start.toISO()!);
    const first = await handle.query(deadlineViewQuery);
    await h.travelTo(start.plus({ days: 5 }).toISO()!);
    await handle.executeUpdate(pauseUpdate, { args: [{ reasonCode: 'exemption-request-pending', by: EC_4 }] });
    expect((await handle.query(deadlineViewQuery)).due.dueAt).toBeNull();
    await h.travelTo(start.plus({ days: 8 }).toISO()!);
    const resumed = await handle.executeUpdate(resumeUpdate, { args: [{ by: EC_4 }] });
    expect(resumed.due.explanation.pauses[0]?.units).toBe(3);
    expect(resumed.due.explanation.totalLength).toBe(23);
    // 23 days from the start at the earliest (a weekend or holiday end rolls forward, which the first date may have
    // done and the resumed one not: comparing the two dates would depend on the day the suite runs).
    expect(Date.parse(resumed.due.dueAt!)).toBeGreaterThan(Date.parse(first.due.dueAt!));
    expect(Date.parse(resumed.due.dueAt!)).toBeGreaterThanOrEqual(start.plus({ days: 23 }).toMillis() - 3_600_000);

    const refused = handle.executeUpdate(extendUpdate, { args: [{ reasonCode: 'because', by: EC_4, length: 5 }] });
    await expect(refused).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(refused.catch((e: WorkflowUpdateFailedError) => Promise.reject(e.cause))).rejects.toThrow(/cannot be extended/);
    expect((await handle.query(deadlineViewQuery)).state.extensions).toEqual([]);
    await expect(handle.executeUpdate(pauseUpdate, { args: [{ reasonCode: 'not-a-code', by: EC_4 }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    await expect(handle.executeUpdate(satisfyUpdate, { args: [{ by: 'Jane Doe' }] })).rejects.toThrow(WorkflowUpdateFailedError);

    await h.travelTo(start.plus({ days: 12 }).toISO()!);
    await handle.executeUpdate(satisfyUpdate, { args: [{ by: EC_4 }] });
    const done = await handle.result();
    expect(done.state.satisfied?.late).toBe(false);
    expect(kinds(await h.events(done.deadlineId))).toEqual(['satisfied']);
  });

  it('60 calendar days (initial case plan), satisfied late: the late flag is published', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 11, minute: 0 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.case.initial-case-plan', start.toISO()!);
    const { due, deadlineId } = await handle.query(deadlineViewQuery);
    const dueDay = DateTime.fromISO(due.dueAt!, { zone: ZONE });
    expect(dueDay.toISODate()! >= start.plus({ days: 60 }).toISODate()!).toBe(true);
    expect([6, 7]).not.toContain(dueDay.weekday);
    await h.travelTo(dueDay.plus({ days: 1, hours: 12 }).toISO()!);
    await handle.executeUpdate(satisfyUpdate, { args: [{ by: CSW_9 }] });
    const events = await h.events(deadlineId);
    // One overdue hands the ladder to notifications; satisfied at +36 h.
    expect(kinds(events)).toEqual(['warning', 'warning', 'due', 'overdue:0', 'satisfied']);
    expect(events.at(-1)?.data['late']).toBe(true);
  });

  it('six full calendar months (AB 135 window, no roll) across the daylight-saving changes, with an extension refused after the maximum', async () => {
    const start = (await h.now()).plus({ days: 1 }).startOf('day').plus({ hours: 9 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('calworks.fr.ab135-window', start.toISO()!);
    const { due, deadlineId } = await handle.query(deadlineViewQuery);
    // As the fr-aid-window-opened contract says: endsOn is the last day of the sixth full month; a first month
    // that does not start on the 1st is prorated and not counted (fr-aid-window.integration-spec.ts has fixed dates).
    const firstFull = start.day === 1 ? start.startOf('day') : start.plus({ months: 1 }).startOf('month');
    const endsOn = firstFull.plus({ months: 5 }).endOf('month');
    expect(due.dueAt).toBe(endsOn.toISO());
    expect(due.explanation.proratedMonth).toBe(start.day === 1 ? undefined : start.toFormat('yyyy-MM'));
    await h.travelTo(endsOn.plus({ days: 1 }).toISO()!);
    // Reminders 60 and 30 days before the window closes (issue 12), then its end.
    const events = await h.events(deadlineId);
    expect(kinds(events).slice(0, 3)).toEqual(['warning', 'warning', 'due']);
    expect(events.slice(0, 2).map((e) => e.data['stage'])).toEqual([1, 2]);

    // Investigation disposition allows one supervisor-approved extension.
    const other = await h.start('cws.er.investigation-disposition', (await h.now()).toISO()!);
    const extended = await other.executeUpdate(extendUpdate, {
      args: [{ reasonCode: 'supervisor-approved-extension', by: SCSW_2, length: 10 }],
    });
    expect(extended.due.explanation.totalLength).toBe(40);
    await expect(
      other.executeUpdate(extendUpdate, { args: [{ reasonCode: 'supervisor-approved-extension', by: SCSW_2, length: 10 }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    expect(kinds(await h.events(extended.deadlineId))).toEqual(['extended']);
  });

  it('a date moved earlier (the disposition hearing came first) is published and explained as moved earlier, not extended', async () => {
    const start = (await h.now()).plus({ days: 1 }).startOf('day').plus({ hours: 9 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.case.initial-case-plan', start.toISO()!);
    const before = await handle.query(deadlineViewQuery);
    const heldOn = start.plus({ days: 20 }).toISODate()!;
    const moved = await handle.executeUpdate(extendUpdate, { args: [{ dueDate: heldOn, reasonCode: 'due-at-disposition', by: CSW_9 }] });
    expect(moved.due.dueDate).toBe(heldOn);
    expect(moved.due.explanation.override).toMatchObject({ direction: 'earlier', computedDate: before.due.dueDate, by: CSW_9 });
    expect(moved.due.explanation.summary).toContain('Moved earlier to ');
    expect(moved.due.explanation.summary).toContain('Reason: the disposition hearing came first.');
    expect(moved.due.explanation.summary).not.toMatch(/xtended|due-at-disposition/);
    expect(moved.due.explanation.summary).not.toContain(CSW_9);
    // Its own event type and timeline kind: nothing reads it as an extension.
    const events = await h.events(moved.deadlineId);
    expect(events.filter((e) => e.type === 'deadline-extended')).toHaveLength(0);
    const earlier = events.filter((e) => e.type === 'deadline-moved-earlier');
    expect(earlier).toHaveLength(1);
    expect(earlier[0]!.data).toMatchObject({
      reasonCode: 'due-at-disposition',
      movedBy: CSW_9,
      previousDueAt: before.due.dueAt,
      dueAt: moved.due.dueAt,
    });
    expect(moved.state.timeline.map((t) => t.kind)).toContain('moved-earlier');
    expect(moved.state.timeline.map((t) => t.kind)).not.toContain('extended');
  });

  it('a long-lived tracker continues as new and keeps its state', async () => {
    const start = (await h.now()).plus({ days: 1 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.er.immediate-response', start.toISO()!, { maxHistoryEvents: 20 });
    const firstRun = (await handle.describe()).runId;
    await h.travelTo(start.plus({ hours: 26 }).toISO()!);
    const view = await handle.query(deadlineViewQuery);
    expect((await handle.describe()).runId).not.toBe(firstRun);
    expect(view.state.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['started', 'reminder', 'due', 'escalation-handed-over']),
    );
    expect(view.state.ladderOwner).toBe('notifications');
    expect(kinds(await h.events(view.deadlineId)).filter((k) => k === 'due')).toHaveLength(1);
  });

  it('a contact made 7.5 hours before the 24-hour limit and recorded the next morning is on time: judged by the fact, recorded late in the timeline', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.er.immediate-response', start.toISO()!);
    const { deadlineId, due } = await handle.query(deadlineViewQuery);
    expect(due.dueAt).toBe(start.plus({ hours: 24 }).toISO());
    const contactAt = start.plus({ hours: 16, minutes: 30 }); // 01:30, 7.5 hours before the limit
    // Recorded the next morning, after due and level 1 (at the limit), before level 2 (an hour later).
    await h.travelTo(start.plus({ hours: 24, minutes: 45 }).toISO()!);
    expect(kinds(await h.events(deadlineId))).toEqual(['warning', 'warning', 'due', 'overdue:0']);
    const recorded = await handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: contactAt.toISO()! }] });
    expect(recorded.state.satisfied).toMatchObject({ by: WORKER_17, late: false });
    expect(Date.parse(recorded.state.satisfied!.at)).toBe(contactAt.toMillis());
    expect(Date.parse(recorded.state.satisfied!.recordedAt!)).toBeGreaterThanOrEqual(start.plus({ hours: 24, minutes: 45 }).toMillis());
    const recordedLate = recorded.state.timeline.find((t) => t.kind === 'recorded-late');
    expect(recordedLate?.detail).toMatchObject({
      factAt: contactAt.toUTC().toISO(),
      stagesAfterFact: expect.arrayContaining(['due', 'overdue']),
    });
    await handle.result();
    const events = await h.events(deadlineId);
    // What was published before the contact was recorded cannot be unsent; the satisfied event carries the fact's time.
    expect(kinds(events)).toEqual(['warning', 'warning', 'due', 'overdue:0', 'satisfied']);
    expect(events.at(-1)?.data).toMatchObject({ late: false });
    expect(Date.parse(events.at(-1)?.data['satisfiedAt'] as string)).toBe(contactAt.toMillis());
  });

  it('a fact after the limit is late even when recorded with its own instant; an instant in the future or before the start is refused', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const handle = await h.start('cws.er.immediate-response', start.toISO()!);
    await h.travelTo(start.plus({ hours: 27, minutes: 30 }).toISO()!);
    const future = handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: start.plus({ hours: 28, minutes: 30 }).toISO()! }] });
    await expect(future).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(future.catch((e: WorkflowUpdateFailedError) => Promise.reject(e.cause))).rejects.toThrow(/in the future/);
    const before = handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: start.minus({ minutes: 1 }).toISO()! }] });
    await expect(before.catch((e: WorkflowUpdateFailedError) => Promise.reject(e.cause))).rejects.toThrow(/before the deadline started/);
    const garbage = handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: 'yesterday' }] });
    await expect(garbage.catch((e: WorkflowUpdateFailedError) => Promise.reject(e.cause))).rejects.toThrow(/ISO instant/);
    expect((await handle.query(deadlineViewQuery)).state.status).toBe('overdue');

    const lateAt = start.plus({ hours: 26 });
    const done = await handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: lateAt.toISO()! }] });
    expect(done.state.satisfied).toMatchObject({ late: true });
    expect(Date.parse(done.state.satisfied!.at)).toBe(lateAt.toMillis());
    // Every stage published (due, the overdue hand-over) came before the late fact: nothing to mark as not reached.
    expect(done.state.timeline.find((t) => t.kind === 'recorded-late')).toBeUndefined();
  });

  it('a clock opened for a start so old that its due instant has passed publishes due and the overdue hand-over once, no stale reminders, and says so', async () => {
    const now = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(now.toISO()!);
    const start = now.minus({ days: 3 });
    const handle = await h.start('cws.er.immediate-response', start.toISO()!);
    await h.travelTo(now.plus({ minutes: 30 }).toISO()!);
    const { deadlineId, state } = await handle.query(deadlineViewQuery);
    expect(kinds(await h.events(deadlineId))).toEqual(['due', 'overdue:0']);
    const skipped = state.timeline.find((t) => t.kind === 'stages-skipped');
    expect((skipped?.detail['reminders'] as unknown[]).length).toBe(2);
    expect(state.timeline.map((t) => t.kind)).toEqual(['started', 'stages-skipped', 'due', 'escalation-handed-over']);
    // Met by a contact made before the due instant, recorded now: on time.
    const done = await handle.executeUpdate(satisfyUpdate, { args: [{ by: WORKER_17, at: start.plus({ hours: 20 }).toISO()! }] });
    expect(done.state.satisfied?.late).toBe(false);
  });

  it('refuses malformed input by failing the workflow, not by retrying forever', async () => {
    const handle = await h.env.client.workflow.start('deadlineWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `child-welfare/deadline/bad-${Date.now()}`,
      args: [{ deadlineId: 'x' }],
    });
    await expect(handle.result()).rejects.toMatchObject({
      name: 'WorkflowFailedError',
      cause: { type: 'InvalidDeadlineRequest', nonRetryable: true },
    });
  });
});
