import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { historyStore } from '@linkages/platform-testing';
import { createDeadlineHarness } from '@linkages/platform-deadline-testing';
import { acknowledgeUpdate, cancelUpdate, extendUpdate, pauseUpdate, resumeUpdate, satisfyUpdate } from './deadline.messages';
import { calworksRules } from '@linkages/calworks-domain';
import { cwsRules } from '@linkages/child-welfare-domain';
import { PolicyRegistry } from '@linkages/platform-deadlines';

// The platform's deadline tests run real rules of the domains (test fixtures only: production platform code
// never imports a domain).
const registry = new PolicyRegistry([...cwsRules, ...calworksRules]);

// Saved histories of the deadline workflow, replayed against the current code on every test run. A change that
// alters the commands of in-flight runs fails here; make it with patched()/deprecatePatch() instead.
// Refresh (after an intended, patched change): REFRESH_HISTORIES=1 npm run histories:refresh records every scenario but
// writes only the histories not saved yet, so the old runs stay as they were recorded (REFRESH_HISTORIES_OVERWRITE=1
// rewrites them too, which loses what they prove).
const dir = join(__dirname, '..', '..', 'histories');
const store = historyStore(dir);
const ACTOR = '66666666-6666-4666-8666-666666666666';

async function recordHistories(): Promise<void> {
  const h = await createDeadlineHarness({ service: 'child-welfare', registry });
  try {
    let start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0 });
    // Recorded before escalation-owned-by-notifications (the clock's own ladder, acknowledged at level 2): the current
    // code refuses that acknowledgment, so this scenario can only be the saved one.
    if (!existsSync(join(dir, 'deadline-ten-day-escalated-acknowledged-satisfied.history.pb'))) {
      await h.travelTo(start.toISO()!);
      const escalated = await h.start('cws.er.ten-day-response', start.toISO()!);
      await h.travelTo(start.plus({ days: 12, hours: 20 }).toISO()!);
      await escalated.executeUpdate(acknowledgeUpdate, { args: [{ level: 2, by: ACTOR }] });
      await escalated.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
      await escalated.result();
      await store.save('deadline-ten-day-escalated-acknowledged-satisfied', escalated);
    }

    start = (await h.now()).plus({ days: 1 });
    await h.travelTo(start.toISO()!);
    const paused = await h.start('calworks.wtw.compliance-period', start.toISO()!);
    await h.travelTo(start.plus({ days: 4 }).toISO()!);
    await paused.executeUpdate(pauseUpdate, { args: [{ reasonCode: 'exemption-request-pending', by: ACTOR }] });
    await h.travelTo(start.plus({ days: 9 }).toISO()!);
    await paused.executeUpdate(resumeUpdate, { args: [{ by: ACTOR }] });
    await h.travelTo(start.plus({ days: 30 }).toISO()!);
    await paused.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await paused.result();
    await store.save('deadline-compliance-period-paused-resumed-late', paused);

    start = (await h.now()).plus({ days: 1 });
    await h.travelTo(start.toISO()!);
    const extended = await h.start('cws.er.investigation-disposition', start.toISO()!);
    await h.travelTo(start.plus({ days: 20 }).toISO()!);
    await extended.executeUpdate(extendUpdate, { args: [{ reasonCode: 'supervisor-approved-extension', by: ACTOR, length: 10 }] });
    await h.travelTo(start.plus({ days: 35 }).toISO()!);
    await extended.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await extended.result();
    await store.save('deadline-investigation-extended-satisfied', extended);

    start = (await h.now()).plus({ days: 1 });
    await h.travelTo(start.toISO()!);
    const continued = await h.start('cws.er.immediate-response', start.toISO()!, { maxHistoryEvents: 20 });
    await h.travelTo(start.plus({ hours: 20 }).toISO()!); // still in its first run: reminders fired
    await store.save('deadline-immediate-first-run-before-continue-as-new', continued);

    // With the patches satisfy-at-fact-instant and skip-stale-stages-at-open: opened three days after its start (no
    // stale reminders, due and level 1 once), then met by a contact made before the due instant, recorded now.
    start = (await h.now()).plus({ days: 4 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const openedLate = await h.start('cws.er.immediate-response', start.minus({ days: 3 }).toISO()!);
    await h.travelTo(start.plus({ minutes: 30 }).toISO()!);
    await openedLate.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR, at: start.minus({ days: 3 }).plus({ hours: 20 }).toISO()! }] });
    await openedLate.result();
    await store.save('deadline-immediate-opened-late-met-by-earlier-fact', openedLate);

    // With extended-event-direction and moved-earlier-event: the initial case plan's date moved earlier (the
    // disposition hearing came first), then met.
    start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const movedEarlier = await h.start('cws.case.initial-case-plan', start.toISO()!);
    await h.travelTo(start.plus({ days: 2 }).toISO()!);
    await movedEarlier.executeUpdate(extendUpdate, {
      args: [{ dueDate: start.plus({ days: 20 }).toISODate()!, reasonCode: 'due-at-disposition', by: ACTOR }],
    });
    await h.travelTo(start.plus({ days: 19 }).toISO()!);
    await movedEarlier.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await movedEarlier.result();
    await store.save('deadline-case-plan-moved-earlier-satisfied', movedEarlier);

    // A clock that is a process's step (owner.notify): it signals its process at due, at each level and when met.
    // The process is absent here, so the history holds the failed external signals too.
    start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const step = await h.start('calworks.wtw.compliance-period', start.toISO()!, {
      owner: {
        service: 'calworks',
        familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60',
        countyCode: '06085',
        subjectRef: 'episode/replay/compliance-period',
        notify: 'calworks/sanction/replay-absent',
      },
    });
    await h.travelTo(start.plus({ days: 24 }).toISO()!);
    await step.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await step.result();
    await store.save('deadline-compliance-period-notifying-its-process', step);

    // With escalation-owned-by-notifications: missed, one overdue hands the ladder over, no level raised, then met.
    start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const handedOver = await h.start('cws.er.immediate-response', start.toISO()!);
    await h.travelTo(start.plus({ hours: 30 }).toISO()!);
    await handedOver.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await handedOver.result();
    await store.save('deadline-immediate-ladder-handed-to-notifications-satisfied', handedOver);

    // With cancelled-event: a ten-day clock cancelled before it falls due publishes deadline-cancelled.
    start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const cancelled = await h.start('cws.er.ten-day-response', start.toISO()!);
    await h.travelTo(start.plus({ days: 2 }).toISO()!);
    await cancelled.executeUpdate(cancelUpdate, { args: [{ by: ACTOR, reasonCode: 'referral-evaluated-out' }] });
    await cancelled.result();
    await store.save('deadline-ten-day-cancelled-event', cancelled);

    // With deadline-events-local-activity: reminders, due, the hand-over and the satisfied event are local activities
    // (markers in the workflow tasks, no activity tasks), then met late.
    start = (await h.now()).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const local = await h.start('cws.er.immediate-response', start.toISO()!);
    await h.travelTo(start.plus({ hours: 26 }).toISO()!);
    await local.executeUpdate(satisfyUpdate, { args: [{ by: ACTOR }] });
    await local.result();
    await store.save('deadline-immediate-local-events-overdue-satisfied', local);
  } finally {
    await h.close();
  }
}

describe('deadline workflow replay over saved histories', () => {
  beforeAll(async () => {
    if (process.env['REFRESH_HISTORIES'] === '1') await recordHistories();
  }, 300_000);

  it('has saved histories to replay', () => {
    expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.history.pb')).length : 0).toBeGreaterThanOrEqual(10);
  });

  it('replays every saved history with the current workflow code', async () => {
    const results = await store.replay(require.resolve('../index.ts'), 'deadline-replay');
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(
      results.map((r) => ({ workflowId: r.workflowId, error: undefined })),
    );
  }, 120_000);

  it('fails when the workflow changes non-deterministically', async () => {
    const results = await store.replay(require.resolve('./deadline.nondeterministic.spec-helper.ts'), 'deadline-replay');
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const r of results) expect(r.error?.name).toBe('DeterminismViolationError');
  }, 120_000);
});
