import { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { DateTime } from 'luxon';
import { calworksRules, sanctionRulesFor, type SanctionInput, type SanctionView } from '@linkages/calworks-domain';
import { createCalworksSanctionTablesMigration, sanctionEntities } from '@linkages/calworks-data-access';
import { SanctionRepository } from '@linkages/calworks-data-access';
import { createSanctionActivities } from '@linkages/calworks-activities';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import {
  DeadlineClient,
  DeadlineCommandRelay,
  DeadlineCommands,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { PolicyRegistry, ZONE } from '@linkages/platform-deadlines';
import { createLogger } from '@linkages/platform-logging';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { sanctionOpenedUpdate, sanctionViewQuery } from './sanction.messages';
import type { sanctionWorkflow } from './sanction.workflow';

export const registry = new PolicyRegistry(calworksRules);
const COUNTY = '06085';

/**
 * The time-skipping test server with a worker running the real sanction and deadline workflows and their real
 * activities, a throwaway PostgreSQL schema (outbox, tracked deadlines and deadline commands, the sanction tables) and
 * the real DeadlineCommandRelay: the sanction's clocks are real deadline workflows that signal it when due.
 */
export async function createSanctionHarness() {
  const env = await createTimeSkippingEnv();
  const schema = `it_sanction_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    {
      schema,
      entities: [TrackedDeadlineEntity, ...sanctionEntities],
      migrations: [createMessagingMigration(schema), ...deadlineTrackingMigrations(schema), createCalworksSanctionTablesMigration(schema)],
    },
    'it-sanction',
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  const service = { name: 'calworks', schema };
  const temporal = { connection: env.connection, client: env.client };
  const deadlines = new DeadlineClient(temporal, service, registry);
  const clocks = new TrackedDeadlines(new DeadlineCommands(service, registry), deadlines, service, registry);
  const outbox = new OutboxWriter(schema, 'calworks');
  const { code } = await bundleWorkflowsForTest(require.resolve('./sanction-test-workflows.spec-helper.ts'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'calworks',
    workflowBundle: { code },
    activities: {
      ...createDeadlineActivities({ dataSource, outbox }),
      ...createSanctionActivities({ dataSource, outbox, clocks, sanctions: new SanctionRepository() }),
    },
    ...workerTelemetry('it-sanction'),
  });
  const running = worker.run();
  const logger = createLogger({ service: 'it-sanction', process: 'test', level: 'warn' });
  const relay = new DeadlineCommandRelay(dataSource, logger, deadlines, service, registry, { pollIntervalMs: 100 });
  await relay.start();

  const q = <T>(sql: string, params: unknown[] = []) => dataSource.query(sql, params) as Promise<T[]>;
  /** Every deadline command committed so far has been applied (its workflow started or updated). */
  const settle = async () => {
    await waitFor(
      async () =>
        (await q<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".deadline_commands WHERE done_at IS NULL`))[0]?.n === 0,
      {
        what: 'deadline commands applied',
      },
    );
    await new Promise((r) => setTimeout(r, 150));
  };

  return {
    env,
    dataSource,
    schema,
    deadlines,
    async now(): Promise<DateTime> {
      return DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
    },
    /** Moves the test server's clock to a California local time (never backwards), then lets the relay catch up. */
    async travelTo(local: string) {
      await settle();
      const delta = DateTime.fromISO(local, { zone: ZONE }).toMillis() - (await env.currentTimeMs());
      if (delta > 0) await env.sleep(delta);
      await settle();
    },
    settle,
    input(overrides: Partial<SanctionInput> & Pick<SanctionInput, 'noticeIssuedOn'>): SanctionInput {
      return {
        episodeId: globalThis.crypto.randomUUID(),
        familyId: globalThis.crypto.randomUUID(),
        participantId: globalThis.crypto.randomUUID(),
        auId: globalThis.crypto.randomUUID(),
        countyCode: COUNTY,
        noticeForm: 'NA 840',
        reason: 'activity-not-attended',
        rules: sanctionRulesFor(registry, COUNTY),
        ...overrides,
      };
    },
    /** Starts the episode's process as the API does, and waits for its first step to be written. */
    async start(input: SanctionInput): Promise<WorkflowHandle<typeof sanctionWorkflow>> {
      const handle = await env.client.workflow.start<typeof sanctionWorkflow>('sanctionWorkflow', {
        taskQueue: 'calworks',
        workflowId: `calworks/sanction/${input.episodeId}`,
        args: [input],
      });
      await handle.executeUpdate(sanctionOpenedUpdate);
      await settle();
      return handle;
    },
    view: (handle: WorkflowHandle<typeof sanctionWorkflow>) => handle.query(sanctionViewQuery),
    /**
     * The view of a process that has completed. Not `result()`: the test client unlocks time skipping while it waits,
     * and with no timer due the server jumps years ahead before a signal in flight lands.
     */
    async finished(handle: WorkflowHandle<typeof sanctionWorkflow>): Promise<SanctionView> {
      await waitFor(async () => (await handle.describe()).status.name === 'COMPLETED', { what: 'process completed', timeoutMs: 15_000 });
      return handle.query(sanctionViewQuery);
    },
    /** The view once `ready` holds: a clock's signal reaches the process a moment after the server's time got there. */
    viewWhen: (handle: WorkflowHandle<typeof sanctionWorkflow>, ready: (v: SanctionView) => boolean, what: string) =>
      waitFor(
        async () => {
          const v = await handle.query(sanctionViewQuery);
          return ready(v) ? v : undefined;
        },
        { what, timeoutMs: 15_000 },
      ),
    /** The family's events in the outbox, oldest first: `sanction-requested`, `deadline-warning`, … */
    async events(familyId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
      const rows = await q<{ event_type: string; value: string }>(
        `SELECT event_type, value FROM "${schema}".outbox WHERE partition_key = $1 ORDER BY seq`,
        [familyId],
      );
      return rows.map((r) => ({
        type: r.event_type.replace(/^gov\.ca\.linkages\.[a-z]+\./, '').replace(/\.v\d+$/, ''),
        data: JSON.parse(r.value) as Record<string, unknown>,
      }));
    },
    /** The episode's clocks as tracked: purpose → status. */
    async clocks(episodeId: string): Promise<Record<string, string>> {
      const rows = await q<{ purpose: string; status: string }>(
        `SELECT purpose, status FROM "${schema}".tracked_deadlines WHERE subject_id = $1`,
        [episodeId],
      );
      return Object.fromEntries(rows.map((r) => [r.purpose, r.status]));
    },
    async deadlineIdOf(episodeId: string, purpose: string): Promise<string> {
      const [row] = await q<{ deadline_id: string }>(
        `SELECT deadline_id FROM "${schema}".tracked_deadlines WHERE subject_id = $1 AND purpose = $2`,
        [episodeId, purpose],
      );
      if (!row) throw new Error(`no clock ${purpose}`);
      return row.deadline_id;
    },
    rows: q,
    async close() {
      await relay.stop();
      worker.shutdown();
      await running;
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
      await env.teardown();
    },
  };
}

export type SanctionHarness = Awaited<ReturnType<typeof createSanctionHarness>>;
