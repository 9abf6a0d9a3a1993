import { createDeadlineHarness, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { calworksRules } from '@linkages/calworks-domain';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { deadlineViewQuery, satisfyUpdate, type DeadlineReached } from './deadline.messages';

// A process learns that its step's clock fell due from the clock itself (owner.notify), with no timer of its own.
const registry = new PolicyRegistry(calworksRules);
const FAMILY = 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60';
const EW = '33333333-3333-4333-8333-333333333333';

describe('a deadline tells its owning process (owner.notify, time-skipping server)', () => {
  let h: DeadlineHarness;
  beforeAll(async () => {
    h = await createDeadlineHarness({
      service: 'calworks',
      registry,
      workflowsPath: require.resolve('./deadline-notify.spec-helper.ts'),
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('signals due at the due instant, each escalation level, and satisfied, in that order', async () => {
    const start = (await h.now()).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await h.travelTo(start.toISO()!);
    const processId = `calworks/sanction/${globalThis.crypto.randomUUID()}`;
    const process = await h.env.client.workflow.start('listeningProcessWorkflow', { taskQueue: h.taskQueue, workflowId: processId });
    const clock = await h.start('calworks.wtw.compliance-period', start.toISO()!, {
      owner: {
        service: 'calworks',
        familyId: FAMILY,
        countyCode: h.countyCode,
        subjectRef: 'episode/e1/compliance-period',
        notify: processId,
      },
    });
    const { due } = await clock.query(deadlineViewQuery);
    await h.travelTo(new Date(Date.parse(due.dueAt!) + 3 * 86_400_000).toISOString());
    await clock.executeUpdate(satisfyUpdate, { args: [{ by: EW }] });
    const reached = (await process.result()) as DeadlineReached[];
    expect(reached.map((r) => (r.kind === 'overdue' ? `overdue:${r.escalationLevel}` : r.kind))[0]).toBe('due');
    expect(reached.at(-1)?.kind).toBe('satisfied');
    expect(reached.filter((r) => r.kind === 'overdue').map((r) => r.escalationLevel)).toEqual(
      reached.filter((r) => r.kind === 'overdue').map((_, i) => i + 1),
    );
    const first = reached[0]!;
    expect(first).toMatchObject({ ruleId: 'calworks.wtw.compliance-period', subjectRef: 'episode/e1/compliance-period', dueAt: due.dueAt });
    // Told when the due instant came, not before.
    expect(Date.parse(first.at)).toBeGreaterThanOrEqual(Date.parse(due.dueAt!));
    expect(Date.parse(first.at) - Date.parse(due.dueAt!)).toBeLessThan(60_000);
  });

  it('a process that does not exist is not an error of the clock: it still falls due and is met', async () => {
    const start = (await h.now()).plus({ days: 1 });
    await h.travelTo(start.toISO()!);
    const clock = await h.start('calworks.wtw.compliance-period', start.toISO()!, {
      owner: {
        service: 'calworks',
        familyId: FAMILY,
        countyCode: h.countyCode,
        subjectRef: 'episode/e2/compliance-period',
        notify: 'calworks/sanction/none',
      },
    });
    const { due } = await clock.query(deadlineViewQuery);
    await h.travelTo(new Date(Date.parse(due.dueAt!) + 3_600_000).toISOString());
    const view = await clock.executeUpdate(satisfyUpdate, { args: [{ by: EW }] });
    expect(view.state.status).toBe('satisfied');
    expect(view.state.timeline.map((t) => t.kind)).toContain('due');
  });
});
