import { DataSource } from 'typeorm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { createDeadlineActivities } from '@linkages/platform-activities';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { policyRegistry } from '@linkages/platform-policies';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { deadlineWorkflow } from './deadline.workflow';
import type { DeadlineInput } from './deadline.messages';

export const ZONE = 'America/Los_Angeles';

/**
 * The time-skipping test server, a worker with the real workflow bundle and the real deadline activities writing
 * to a real outbox in a throwaway schema. Legal time passes in seconds; events land in PostgreSQL.
 */
export async function createDeadlineHarness() {
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const schema = `it_deadline_${uniqueSuffix()}`;
  const options = createDataSourceOptions(stackEnv().DATABASE_URL, { schema, entities: [], migrations: [createMessagingMigration(schema)] }, 'it-deadline');
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  const outbox = new OutboxWriter(schema, 'child-welfare');
  const { code } = await bundleWorkflowsForTest(require.resolve('../index.ts'));
  const taskQueue = `it-deadlines-${uniqueSuffix()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { code }, activities: createDeadlineActivities({ dataSource, outbox }), ...workerTelemetry('it') });
  const running = worker.run();

  return {
    env,
    dataSource,
    taskQueue,
    /** Moves the test server's clock to `iso` (never backwards). */
    async travelTo(iso: string) {
      const delta = Date.parse(iso) - (await env.currentTimeMs());
      if (delta > 0) await env.sleep(delta);
    },
    async now(): Promise<DateTime> {
      return DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
    },
    async start(ruleId: string, startAt: string, overrides: Partial<DeadlineInput> = {}) {
      const policy = policyRegistry.rule(ruleId, '06085');
      const deadlineId = globalThis.crypto.randomUUID();
      return env.client.workflow.start(deadlineWorkflow, {
        taskQueue,
        workflowId: `child-welfare/deadline/${deadlineId}`,
        args: [{ deadlineId, owner: { service: 'child-welfare', familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60', countyCode: '06085', subjectRef: `test/${deadlineId}` }, policy, calendar: policyRegistry.calendarFor(policy, '06085'), startAt, ...overrides }],
      });
    },
    /** Deadline events written to the outbox, oldest first. */
    async events(deadlineId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
      const rows = (await dataSource.query(`SELECT event_type, value FROM "${schema}".outbox WHERE value::jsonb->>'deadlineId' = $1 ORDER BY seq`, [deadlineId])) as { event_type: string; value: string }[];
      return rows.map((r) => ({ type: r.event_type.replace(/^gov\.ca\.linkages\.deadlines\./, '').replace(/\.v1$/, ''), data: JSON.parse(r.value) as Record<string, unknown> }));
    },
    async close() {
      worker.shutdown();
      await running;
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
      await env.teardown();
    },
  };
}

export type DeadlineHarness = Awaited<ReturnType<typeof createDeadlineHarness>>;

/** The first Thanksgiving eve (Wednesday) still ahead of `now`, at 16:40 local time. */
export function nextThanksgivingEve(now: DateTime): DateTime {
  for (let year = now.year; ; year++) {
    const nov1 = DateTime.fromObject({ year, month: 11, day: 1, hour: 16, minute: 40 }, { zone: ZONE });
    const thanksgiving = nov1.plus({ days: ((4 - nov1.weekday + 7) % 7) + 21 });
    const eve = thanksgiving.minus({ days: 1 });
    if (eve > now.plus({ hours: 1 })) return eve;
  }
}
