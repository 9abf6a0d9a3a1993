import type { DataSource, EntityManager } from 'typeorm';
import {
  coordinationEventClassification,
  type CoordinationActivities,
  type CoordinationClockOp,
  type CoordinationEvent,
  type CoordinationStep,
} from '@linkages/referrals-domain';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { CoordinationRepository, FamilyResolver } from '@linkages/referrals-data-access';
import type { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { shareEvent, type OutboxWriter } from '@linkages/platform-messaging';
import { coordinationTaskChangedEvent, strategyEnrolledEvent } from '@linkages/shared-contracts';
import { signalFamilyMerged } from './coordination-hand-over';

/** What the coordination step needs of the clocks: TrackedDeadlines (a process test passes one over the test server). */
export type CoordinationClocks = Pick<TrackedDeadlines, 'open' | 'satisfy' | 'cancel' | 'due'>;

export interface CoordinationActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  clocks: CoordinationClocks;
  coordination: CoordinationRepository;
  families: FamilyResolver;
  /** The Temporal client (TEMPORAL): a merged family's process hands its tasks to the survivor's. */
  temporal: { readonly client: Client };
}

/**
 * The coordination process's activity: one computed step in one transaction — its task, meeting and enrollment rows,
 * its outbox events (ids chosen by the workflow; published through the sharing policy's event view, keyed by the
 * Linkages family id) and its clocks (TrackedDeadlines with `notify` = the process). Applied once per step id: a
 * retried step finds its id recorded and writes nothing again (the due instants are computed all the same).
 */
export function createCoordinationActivities({
  dataSource,
  outbox,
  clocks,
  coordination,
  families,
  temporal,
}: CoordinationActivityDeps): CoordinationActivities {
  return {
    async handOverCoordination(handOver) {
      // The survivor's process runs where this one does (the service's task queue).
      await signalFamilyMerged(temporal.client, families, dataSource.manager, handOver, Context.current().info.taskQueue);
    },

    async applyCoordinationStep(step: CoordinationStep) {
      const { familyId, countyCode } = step.family;
      const dueAt: Record<string, string | null> = {};
      for (const c of step.clocks) if (c.op === 'open') dueAt[c.taskId] = clocks.due(c.ruleId, countyCode, c.startAt).dueAt ?? null;
      const applied = await dataSource.transaction(async (tx) => {
        if (!(await coordination.claimStep(tx, step.stepId, familyId, step.step))) return false;
        for (const task of step.tasks) await coordination.writeTask(tx, familyId, countyCode, task, dueAt[task.taskId] ?? task.dueAt);
        for (const meeting of step.meetings) await coordination.writeMeeting(tx, familyId, countyCode, meeting);
        if (step.enrollment) await coordination.writeEnrollment(tx, familyId, countyCode, step.enrollment);
        for (const clock of step.clocks) await applyClock(clocks, tx, step, clock);
        for (const event of step.events) await enqueue(outbox, tx, step, event, dueAt);
        return true;
      });
      return { applied, dueAt };
    },
  };
}

async function applyClock(
  clocks: CoordinationClocks,
  tx: EntityManager,
  step: CoordinationStep,
  clock: CoordinationClockOp,
): Promise<void> {
  const { family, by } = step;
  switch (clock.op) {
    case 'open':
      await clocks.open(
        tx,
        { type: clock.subject.type, id: clock.subject.id, familyId: family.familyId, countyCode: family.countyCode },
        clock.purpose,
        clock.ruleId,
        clock.startAt,
        { notify: family.workflowId },
      );
      return;
    case 'satisfy':
      // The fact's instant when it has passed; a fact dated later than now counts as now.
      await clocks.satisfy(tx, clock.subjectId, clock.purpose, by, clock.at && Date.parse(clock.at) <= Date.now() ? clock.at : undefined);
      return;
    case 'cancel':
      await clocks.cancel(tx, clock.subjectId, clock.purpose, clock.reasonCode, by);
      return;
  }
}

async function enqueue(
  outbox: OutboxWriter,
  tx: EntityManager,
  { family }: CoordinationStep,
  event: CoordinationEvent,
  dueAt: Record<string, string | null>,
): Promise<void> {
  const ctx = { countyCode: family.countyCode, correlationId: family.workflowId, id: event.id };
  switch (event.kind) {
    case 'coordination-task-changed': {
      const p = event.payload;
      const due = dueAt[p.taskId];
      await shareEvent(
        outbox,
        tx,
        coordinationEventClassification,
        coordinationTaskChangedEvent,
        {
          taskId: p.taskId,
          familyId: family.familyId,
          task: p.task,
          status: p.status === 'open' ? 'opened' : p.status,
          ruleId: p.ruleId,
          ...(due ? { dueAt: due } : {}),
          ...(p.outcome ? { outcome: p.outcome } : {}),
          at: p.at,
        },
        ctx,
      );
      return;
    }
    case 'strategy-enrolled':
      await shareEvent(
        outbox,
        tx,
        coordinationEventClassification,
        strategyEnrolledEvent,
        { familyId: family.familyId, ...event.payload },
        ctx,
      );
      return;
  }
}
