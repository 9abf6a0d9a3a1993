import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { stableUuid } from '@linkages/platform-access';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, uniqueSuffix } from '@linkages/platform-testing';
import { OrganisationRepository, organisationEntities, organisationMigrations } from '@linkages/notifications-data-access';
import { createOrganisationActivities } from '@linkages/notifications-activities';
import type {
  Absence,
  DeliverRequest,
  EscalationActivities,
  EscalationSubject,
  Person,
  RecordEscalationRequest,
  ResolveRecipientsRequest,
} from '@linkages/notifications-domain';
import { frozenPolicy } from './escalation.spec-helper';
import {
  acknowledgeEscalationUpdate,
  deadlineChangedSignal,
  escalationViewQuery,
  escalationWorkflow,
  escalationWorkflowId,
  type EscalationView,
} from './escalation.workflow';

// The escalation ladder's lifecycle in the time-skipping server at the policy's real durations (4 h, 4 h, 8 h + 2 h
// repeats, 24 h acknowledgment expiry): the deadline satisfied mid-ladder, a supervisor's absence covered, and a
// worker restart between two levels. Recipients are resolved by the REAL organisation activity over PostgreSQL;
// delivery and the read model are recording fakes. Each test has its own county, so their organisations never mix.

const H = 3_600_000;
const DAY = 24 * H;
const FAMILY = 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60';

type Tagged<T> = T & { worker: string };

describe('escalationWorkflow lifecycle (time-skipping, real organisation)', () => {
  const db = migratedSchema({ name: 'it-escalation-lifecycle', entities: organisationEntities, migrations: organisationMigrations });
  const repo = new OrganisationRepository();
  let env: TestWorkflowEnvironment;
  let code: string;
  const calls = {
    resolve: [] as Tagged<ResolveRecipientsRequest>[],
    deliver: [] as Tagged<DeliverRequest>[],
    record: [] as RecordEscalationRequest[],
  };
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    ({ code } = await bundleWorkflowsForTest(require.resolve('../../index.ts')));
  }, 120_000);
  afterAll(async () => {
    for (const w of running.splice(0)) await w.stop();
    await env?.teardown();
  });

  const nowMs = () => env.currentTimeMs();
  const skipTo = async (ms: number) => env.sleep(Math.max(0, ms - (await nowMs())));

  /** A worker named `tag`: the real resolveRecipients over the schema, recording fakes for delivery and the read model. */
  async function startWorker(taskQueue: string, tag: string, opts: { sticky?: boolean } = {}) {
    const organisation = createOrganisationActivities({ dataSource: db.ds, organisation: repo });
    const activities: EscalationActivities = {
      async resolveRecipients(req) {
        calls.resolve.push({ ...req, worker: tag });
        return organisation.resolveRecipients(req);
      },
      async deliverNotification(req) {
        calls.deliver.push({ ...req, worker: tag });
        return {
          notificationId: `${req.subject.deadlineId}/${req.level}/${req.round}/${req.recipient.staffId}`,
          channels: [{ channel: 'in-app', outcome: 'delivered', attempts: 1 }],
        };
      },
      async recordEscalation(req) {
        calls.record.push(req);
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { code },
      activities,
      ...workerTelemetry('it'),
      // The time-skipping server never moves a task off a stopped worker's sticky queue (neither on shutdown nor after
      // stickyQueueScheduleToStartTimeout: its clock is held while the task waits), so a worker that is to be stopped
      // mid-run keeps no sticky cache; the worker after it replays the whole history, as after a crash.
      ...(opts.sticky === false ? { maxCachedWorkflows: 0 } : {}),
    });
    const run = worker.run();
    let stopped = false;
    const handle = {
      async stop() {
        if (stopped) return;
        stopped = true;
        worker.shutdown();
        await run;
      },
    };
    running.push(handle);
    return handle;
  }

  /** One county's child-welfare unit: an assigned worker, a supervisor (absent when `absence` is given), a deputy, a manager. */
  async function seedCounty(countyCode: string, absence?: Omit<Absence, 'absenceId' | 'reasonCode'>) {
    const id = (n: string) => stableUuid('escalation-lifecycle-spec', countyCode, n);
    const unitId = `er-${countyCode}`;
    const person = (n: string, extra: Partial<Person> = {}): Person => ({
      staffId: id(n),
      displayName: n,
      agency: 'cws',
      countyCode,
      unitId,
      absences: [],
      channels: { email: false, webhook: false },
      ...extra,
    });
    const staff = { worker: id('worker'), supervisor: id('supervisor'), deputy: id('deputy'), manager: id('manager') };
    const subjectRef = `referral/${countyCode}/er-response`;
    const seededAt = new Date((await nowMs()) - 2 * DAY);
    await db.ds.transaction(async (tx) => {
      await repo.seed(
        tx,
        [
          person('worker'),
          person('supervisor', absence ? { absences: [{ absenceId: id('leave'), reasonCode: 'leave', ...absence }] } : {}),
          person('deputy'),
          person('manager'),
        ],
        [
          {
            unitId,
            name: `ER ${countyCode}`,
            agency: 'cws',
            countyCode,
            supervisorId: staff.supervisor,
            managerId: staff.manager,
            managerOnDutyId: staff.manager,
            intakeWorkerId: staff.deputy,
            programs: ['child-welfare'],
          },
        ],
        seededAt,
      );
      await repo.assign(tx, {
        countyCode,
        ownerService: 'child-welfare',
        subjectRef,
        staffId: staff.worker,
        reason: 'intake',
        by: staff.supervisor,
        at: seededAt.toISOString(),
      });
    });
    return { staff, subjectRef };
  }

  async function startEscalation(
    taskQueue: string,
    countyCode: string,
    subjectRef: string,
  ): Promise<WorkflowHandle<typeof escalationWorkflow>> {
    const deadlineId = globalThis.crypto.randomUUID();
    const at = new Date(await nowMs()).toISOString();
    const subject: EscalationSubject = {
      escalationId: globalThis.crypto.randomUUID(),
      deadlineId,
      familyId: FAMILY,
      countyCode,
      ownerService: 'child-welfare',
      ruleId: 'cws.er.ten-day-response',
      citation: 'MPP 31-101',
      subjectRef,
      dueAt: at,
      overdueSince: at,
    };
    return env.client.workflow.start(escalationWorkflow, {
      workflowId: escalationWorkflowId(deadlineId),
      taskQueue,
      args: [{ subject, frozen: frozenPolicy() }],
    });
  }

  const deadlineOf = (handle: WorkflowHandle) => handle.workflowId.split('/')[2];
  const delivered = (handle: WorkflowHandle) => calls.deliver.filter((d) => d.subject.deadlineId === deadlineOf(handle));
  const resolvedLevels = (handle: WorkflowHandle) =>
    calls.resolve.filter((r) => r.subject.deadlineId === deadlineOf(handle)).map((r) => r.level);
  const recorded = (handle: WorkflowHandle) => calls.record.filter((r) => r.subject.deadlineId === deadlineOf(handle));
  const published = (handle: WorkflowHandle) =>
    recorded(handle)
      .filter((r) => r.publish)
      .map((r) => `${r.publish?.type}/${r.publish?.level}`);
  const notified = (view: EscalationView) =>
    view.timeline.filter((e) => e.kind === 'notified').map((e) => ({ level: e.level, staffId: e.detail['staffId'] }));
  const isoNow = async () => new Date(await nowMs()).toISOString();

  it('a deadline satisfied after level 2 ends the ladder: no level 3 ever fires, the view is resolved and says why', async () => {
    const taskQueue = `escalation-lifecycle-${uniqueSuffix()}`;
    await startWorker(taskQueue, 'only');
    const { staff, subjectRef } = await seedCounty('06085');
    const handle = await startEscalation(taskQueue, '06085', subjectRef);
    const t0 = await nowMs();
    await skipTo(t0 + 5 * H);
    let view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 2, next: { level: 3, role: 'manager' } });
    expect(delivered(handle).map((d) => [d.level, d.recipient.staffId])).toEqual([
      [1, staff.worker],
      [2, staff.supervisor],
    ]);

    // As the deadline-event handler does on deadline.satisfied.
    const satisfiedAt = await isoNow();
    await handle.signal(deadlineChangedSignal, { kind: 'satisfied', at: satisfiedAt });
    // Far past level 3's window (level 2 + 4 h), its two repeats (+ 2 h each) and any acknowledgment expiry.
    await skipTo(t0 + 7 * DAY);

    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect(delivered(handle).map((d) => d.level)).toEqual([1, 2]);
    expect(resolvedLevels(handle)).toEqual([1, 2]);
    view = await handle.result();
    expect(view).toMatchObject({ status: 'resolved', level: 2, next: null });
    expect(view.timeline.some((e) => e.level === 3)).toBe(false);
    const last = view.timeline[view.timeline.length - 1];
    expect(last).toMatchObject({ kind: 'resolved', level: 2, detail: { because: 'satisfied' } });
    expect(Date.parse(last?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(satisfiedAt));
    expect(Date.parse(last?.at ?? '')).toBeLessThan(t0 + 6 * H);
    expect(await handle.query(escalationViewQuery)).toEqual(view);

    // The read model hears it too: the last row written is the resolution, with nothing further scheduled.
    const rows = recorded(handle);
    expect(rows[rows.length - 1]).toMatchObject({
      status: 'resolved',
      level: 2,
      next: null,
      entry: { kind: 'resolved', detail: { because: 'satisfied' } },
    });
    expect(published(handle)).toEqual(['escalation-raised/1', 'escalation-raised/2']);
  }, 180_000);

  it('an absent supervisor: level 2 goes to the absence cover, and the view and timeline say how it was chosen', async () => {
    const taskQueue = `escalation-lifecycle-${uniqueSuffix()}`;
    await startWorker(taskQueue, 'only');
    const t = await nowMs();
    const absence = { from: new Date(t - DAY).toISOString(), to: new Date(t + 3 * DAY).toISOString() };
    const deputy = stableUuid('escalation-lifecycle-spec', '06081', 'deputy');
    const { staff, subjectRef } = await seedCounty('06081', { ...absence, coverId: deputy });
    const handle = await startEscalation(taskQueue, '06081', subjectRef);
    const t0 = await nowMs();
    await skipTo(t0 + 5 * H);

    const view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 2 });
    expect(view.recipients['1']).toEqual([{ staffId: staff.worker, role: 'assigned-worker', via: 'direct' }]);
    const how = { staffId: staff.deputy, role: 'supervisor', via: 'coverage', reason: `absent leave until ${absence.to}` };
    expect(view.recipients['2']).toEqual([how]);
    const raised = view.timeline.find((e) => e.kind === 'level-raised' && e.level === 2);
    expect(raised?.detail).toMatchObject({ role: 'supervisor', recipients: [staff.deputy] });
    expect(notified(view)).toEqual([
      { level: 1, staffId: staff.worker },
      { level: 2, staffId: staff.deputy },
    ]);
    // Delivery is told whom the cover stands in for; the absent supervisor is never notified.
    expect(delivered(handle).map((d) => d.recipient)).toEqual([
      { staffId: staff.worker, role: 'assigned-worker', via: 'direct' },
      { ...how, skipped: staff.supervisor },
    ]);

    // The absent supervisor was not notified, so cannot acknowledge; the cover can, and that stops level 3.
    await expect(
      handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: staff.supervisor, via: 'api' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const acked = await handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: staff.deputy, via: 'link' }] });
    expect(acked.status).toBe('acknowledged');
    await skipTo(t0 + 20 * H);
    expect(delivered(handle).map((d) => d.level)).toEqual([1, 2]);
    await handle.signal(deadlineChangedSignal, { kind: 'cancelled', at: await isoNow() });
    expect((await handle.result()).status).toBe('resolved');
  }, 180_000);

  it('across a worker restart: level 2 fires once on the new worker, level 1 never again, and an acknowledgment stops level 3', async () => {
    const taskQueue = `escalation-lifecycle-${uniqueSuffix()}`;
    const first = await startWorker(taskQueue, 'first', { sticky: false });
    const { staff, subjectRef } = await seedCounty('06075');
    const handle = await startEscalation(taskQueue, '06075', subjectRef);
    const t0 = await nowMs();
    await skipTo(t0 + H);
    const level2At = Date.parse((await handle.query(escalationViewQuery)).next?.at ?? '');
    expect(delivered(handle).map((d) => `${d.level}:${d.worker}`)).toEqual(['1:first']);

    await first.stop();
    // No worker: travel past level 2's window. The server fires the timer and schedules a workflow task nobody takes;
    // the time-skipping server then holds its clock until a worker completes that task, so this travel ends only
    // once the new worker has run the level.
    const travel = skipTo(t0 + 6 * H);
    for (let i = 0; i < 200 && (await nowMs()) < level2At; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await nowMs()).toBeGreaterThanOrEqual(level2At);
    await new Promise((r) => setTimeout(r, 1000));
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.timerFiredEventAttributes).length).toBeGreaterThanOrEqual(1);
    expect(events[events.length - 1]?.workflowTaskScheduledEventAttributes).toBeTruthy();
    expect(delivered(handle).map((d) => `${d.level}:${d.worker}`)).toEqual(['1:first']);

    await startWorker(taskQueue, 'second');
    await travel;
    let view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'open', level: 2, next: { level: 3, role: 'manager' } });
    expect(delivered(handle).map((d) => `${d.level}:${d.worker}:${d.recipient.staffId}`)).toEqual([
      `1:first:${staff.worker}`,
      `2:second:${staff.supervisor}`,
    ]);
    expect(resolvedLevels(handle)).toEqual([1, 2]);
    expect(notified(view)).toEqual([
      { level: 1, staffId: staff.worker },
      { level: 2, staffId: staff.supervisor },
    ]);
    expect(view.timeline.filter((e) => e.kind === 'level-raised').map((e) => e.level)).toEqual([1, 2]);
    const raised2 = Date.parse(view.timeline.find((e) => e.kind === 'level-raised' && e.level === 2)?.at ?? '');
    expect(raised2).toBeGreaterThanOrEqual(level2At);

    view = await handle.executeUpdate(acknowledgeEscalationUpdate, { args: [{ by: staff.supervisor, via: 'api' }] });
    expect(view.status).toBe('acknowledged');
    const ackAt = Date.parse(view.timeline.find((e) => e.kind === 'acknowledged')?.at ?? '');
    // Past level 3's window (level 2 + 4 h) and its repeats, short of the 24 h acknowledgment expiry.
    await skipTo(t0 + 20 * H);
    view = await handle.query(escalationViewQuery);
    expect(view).toMatchObject({ status: 'acknowledged', level: 2 });
    expect(view.next).toEqual({ level: 3, role: 'manager', at: new Date(ackAt + 24 * H).toISOString() });
    expect(delivered(handle).map((d) => d.level)).toEqual([1, 2]);
    expect(published(handle)).toEqual(['escalation-raised/1', 'escalation-raised/2', 'escalation-acknowledged/2']);
    await handle.signal(deadlineChangedSignal, { kind: 'cancelled', at: await isoNow() });
    expect((await handle.result()).status).toBe('resolved');
  }, 180_000);
});
