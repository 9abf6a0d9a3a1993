import type { WorkflowClient } from '@temporalio/client';
import type { CoordinationClocks } from '@linkages/referrals-activities';
import { staffIdOf } from '@linkages/platform-access';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { cancelUpdate, satisfyUpdate } from '@linkages/platform-deadline-workflows';

/**
 * TrackedDeadlines for the coordination process test: each clock is the real deadline workflow on the time-skipping
 * server (with `notify`), started and changed directly instead of through the deadline-command relay. Facts' instants
 * are clamped to the clock's start and the server's time, as TrackedDeadlines clamps them.
 */
export function coordinationTestClocks(opts: {
  registry: PolicyRegistry;
  taskQueue: () => string;
  client: () => WorkflowClient;
  now: () => Promise<number>;
}) {
  const open = new Map<string, { deadlineId: string; startAt: string }>();
  const started: { subjectId: string; purpose: string; ruleId: string; deadlineId: string }[] = [];
  const handle = (deadlineId: string) => opts.client().getHandle(`referrals/deadline/${deadlineId}`);
  const clamp = async (at: string | Date | undefined, startAt: string) => {
    if (at === undefined) return undefined;
    const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
    return new Date(Math.min(Math.max(t, Date.parse(startAt)), await opts.now())).toISOString();
  };
  const close = async (subjectId: string, purpose: string, change: (deadlineId: string, startAt: string) => Promise<unknown>) => {
    const key = `${subjectId}/${purpose}`;
    const clock = open.get(key);
    if (!clock) return false;
    open.delete(key);
    await change(clock.deadlineId, clock.startAt);
    return true;
  };
  const clocks: CoordinationClocks = {
    async open(_tx, subject, purpose, ruleId, startAt, options = {}) {
      const key = `${subject.id}/${purpose}`;
      if (open.has(key) || started.some((s) => `${s.subjectId}/${s.purpose}` === key)) return undefined;
      const deadlineId = globalThis.crypto.randomUUID();
      open.set(key, { deadlineId, startAt });
      started.push({ subjectId: subject.id, purpose, ruleId, deadlineId });
      const policy = opts.registry.rule(ruleId, subject.countyCode);
      await opts.client().start('deadlineWorkflow', {
        taskQueue: opts.taskQueue(),
        workflowId: `referrals/deadline/${deadlineId}`,
        args: [
          {
            deadlineId,
            owner: {
              service: 'referrals',
              familyId: subject.familyId,
              countyCode: subject.countyCode,
              caseId: subject.id,
              subjectRef: `${subject.type}/${subject.id}/${purpose}`,
              ...(options.notify ? { notify: options.notify } : {}),
            },
            policy,
            calendar: opts.registry.calendarFor(policy, subject.countyCode),
            startAt,
          },
        ],
      });
      return deadlineId;
    },
    satisfy: (_tx, subjectId, purpose, by, at) =>
      close(subjectId, purpose, async (id, startAt) => {
        const factAt = await clamp(at, startAt);
        await handle(id).executeUpdate(satisfyUpdate, { args: [{ by: staffIdOf(by), ...(factAt ? { at: factAt } : {}) }] });
      }),
    cancel: (_tx, subjectId, purpose, reasonCode, by) =>
      close(subjectId, purpose, (id) => handle(id).executeUpdate(cancelUpdate, { args: [{ by: staffIdOf(by), reasonCode }] })),
    due: (ruleId, countyCode, startAt, adjustments) => opts.registry.due(ruleId, countyCode, startAt, adjustments),
  };
  return {
    clocks,
    started,
    deadlineIdOf: (subjectId: string, purpose: string) =>
      started.find((s) => s.subjectId === subjectId && s.purpose === purpose)?.deadlineId,
  };
}
