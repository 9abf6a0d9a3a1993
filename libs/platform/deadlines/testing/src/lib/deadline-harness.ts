import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { repoRoot } from '@linkages/platform-config';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import type { ServiceName } from '@linkages/shared-contracts';

export const ZONE = 'America/Los_Angeles';

export interface DeadlineHarnessOptions {
  /** The service whose deadlines these are (owner, workflow ids, event producer). */
  service: ServiceName;
  /** The rules the harness can start, as the service composes them. */
  registry: PolicyRegistry;
  /** The county whose configuration and calendars apply (Santa Clara by default). */
  countyCode?: string;
  /**
   * The workflow bundle's entry file (default: the deadline workflow lib). A domain's process tests pass a file that
   * exports their process workflow beside `deadlineWorkflow`, so its clocks run for real in the same worker.
   */
  workflowsPath?: string;
  /** Activities beside the deadline activities (a process's own), built over the harness's data source and outbox. */
  activities?: (deps: { dataSource: DataSource; outbox: OutboxWriter; schema: string }) => object;
  /** Migrations run in the throwaway schema beside the outbox's (a process's own tables). */
  migrations?: (schema: string) => ReturnType<typeof createMessagingMigration>[];
}

/**
 * The time-skipping test server, a worker with the real deadline workflow bundle and the real deadline activities
 * writing to a real outbox in a throwaway schema, for any service and its rules. Legal time passes in seconds;
 * events land in PostgreSQL.
 */
export async function createDeadlineHarness({
  service,
  registry,
  countyCode = '06085',
  workflowsPath,
  activities,
  migrations,
}: DeadlineHarnessOptions) {
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const schema = `it_deadline_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    { schema, entities: [], migrations: [createMessagingMigration(schema), ...(migrations ? migrations(schema) : [])] },
    'it-deadline',
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  const outbox = new OutboxWriter(schema, service);
  const { code } = await bundleWorkflowsForTest(workflowsPath ?? join(repoRoot(), 'libs/platform/deadlines/workflows/src/index.ts'));
  const taskQueue = `it-deadlines-${uniqueSuffix()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code },
    activities: { ...createDeadlineActivities({ dataSource, outbox }), ...(activities ? activities({ dataSource, outbox, schema }) : {}) },
    ...workerTelemetry('it'),
  });
  const running = worker.run();

  return {
    env,
    registry,
    countyCode,
    dataSource,
    schema,
    outbox,
    taskQueue,
    /** Moves the test server's clock to `iso` (never backwards). */
    async travelTo(iso: string) {
      const delta = Date.parse(iso) - (await env.currentTimeMs());
      if (delta > 0) await env.sleep(delta);
    },
    async now(): Promise<DateTime> {
      return DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
    },
    /** Starts the deadline workflow (by its type name: this lib does not import the workflow lib, whose tests use it). */
    async start(ruleId: string, startAt: string, overrides: Record<string, unknown> = {}) {
      const policy = registry.rule(ruleId, countyCode);
      const deadlineId = globalThis.crypto.randomUUID();
      return env.client.workflow.start('deadlineWorkflow', {
        taskQueue,
        workflowId: `${service}/deadline/${deadlineId}`,
        args: [
          {
            deadlineId,
            owner: { service, familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60', countyCode, subjectRef: `test/${deadlineId}` },
            policy,
            calendar: registry.calendarFor(policy, countyCode),
            startAt,
            ...overrides,
          },
        ],
      });
    },
    /** Deadline events written to the outbox, oldest first. */
    async events(deadlineId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
      const rows = (await dataSource.query(
        `SELECT event_type, value FROM "${schema}".outbox WHERE value::jsonb->>'deadlineId' = $1 ORDER BY seq`,
        [deadlineId],
      )) as { event_type: string; value: string }[];
      return rows.map((r) => ({
        type: r.event_type.replace(/^gov\.ca\.linkages\.deadlines\./, '').replace(/\.v1$/, ''),
        data: JSON.parse(r.value) as Record<string, unknown>,
      }));
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
