import { DataSource } from 'typeorm';
import type { WorkflowHandle } from '@temporalio/client';
import { createCoordinationActivities } from '@linkages/referrals-activities';
import {
  CoordinationRepository,
  FamilyResolver,
  coordinationEntities,
  createLinkagesCoordinationMigration,
  createLinkagesIdentityMigration,
  identityEntities,
} from '@linkages/referrals-data-access';
import {
  defaultLinkagesSettings,
  linkagesRules,
  type CoordinationFact,
  type CoordinationView,
  type LinkagesCountySettings,
} from '@linkages/referrals-domain';
import { createDeadlineHarness, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { deadlineViewQuery } from '@linkages/platform-deadline-workflows';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { coordinationViewQuery, familyFactSignal, jointMeetingUpdate, liaisonUpdate, taskOutcomeUpdate } from './coordination.messages';
import { coordinationTestClocks } from './coordination-test-clocks.spec-helper';

export const COUNTY = '06085';
export const WORKER = 'dev|calworks-worker';
const uuid = () => globalThis.crypto.randomUUID();

/**
 * The coordination process in the time-skipping test server: the real workflow, the real activity over its own tables
 * and outbox in a throwaway schema, and real deadline workflows as its clocks (they signal it). Legal time passes in seconds.
 */
export async function createCoordinationHarness() {
  const registry = new PolicyRegistry(linkagesRules);
  const schema = `it_coord_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    {
      schema,
      entities: [...coordinationEntities, ...identityEntities],
      migrations: [createMessagingMigration(schema), createLinkagesIdentityMigration(schema), createLinkagesCoordinationMigration(schema)],
    },
    'it-coordination-process',
  );
  await migrateUp(options);
  const ds = await new DataSource(options).initialize();
  const ref: { h?: DeadlineHarness } = {};
  const harness = () => {
    if (!ref.h) throw new Error('harness not started');
    return ref.h;
  };
  const tc = coordinationTestClocks({
    registry,
    taskQueue: () => harness().taskQueue,
    client: () => harness().env.client.workflow,
    now: () => harness().env.currentTimeMs(),
  });
  const h = await createDeadlineHarness({
    service: 'referrals',
    registry,
    workflowsPath: require.resolve('./coordination.spec-helper.ts'),
    activities: () =>
      createCoordinationActivities({
        dataSource: ds,
        outbox: new OutboxWriter(schema, 'referrals'),
        clocks: tc.clocks,
        coordination: new CoordinationRepository(),
        families: new FamilyResolver(),
        temporal: {
          get client() {
            return harness().env.client;
          },
        },
      }),
  });
  ref.h = h;
  const env = h.env;

  return {
    h,
    ds,
    families: new FamilyResolver(),
    schema,
    clocks: tc,
    /** A fact as the inbox handler passes it on: signal-with-start by the family's business id. */
    async fact(
      familyId: string,
      fact: CoordinationFact,
      opts: { eventId?: string; settings?: LinkagesCountySettings; continueAfter?: number } = {},
    ): Promise<WorkflowHandle> {
      return (await env.client.workflow.signalWithStart('coordinationWorkflow', {
        taskQueue: harness().taskQueue,
        workflowId: `referrals/coordination/${familyId}`,
        args: [
          {
            familyId,
            countyCode: COUNTY,
            settings: opts.settings ?? defaultLinkagesSettings,
            ...(opts.continueAfter ? { continueAfter: opts.continueAfter } : {}),
          },
        ],
        signal: familyFactSignal,
        signalArgs: [{ eventId: opts.eventId ?? uuid(), fact }],
      })) as WorkflowHandle;
    },
    outcome: (handle: WorkflowHandle, taskId: string, outcome: 'done' | 'not-needed' = 'done', at?: string) =>
      handle.executeUpdate(taskOutcomeUpdate, { args: [{ taskId, outcome, by: WORKER, ...(at ? { at } : {}) }] }),
    jointMeeting: (handle: WorkflowHandle, heldOn: string, caseId?: string) =>
      handle.executeUpdate(jointMeetingUpdate, { args: [{ meetingId: uuid(), heldOn, by: WORKER, ...(caseId ? { caseId } : {}) }] }),
    liaison: (handle: WorkflowHandle, liaisonSubject: string) =>
      handle.executeUpdate(liaisonUpdate, { args: [{ liaisonSubject, by: WORKER }] }),
    view: (handle: WorkflowHandle) => handle.query(coordinationViewQuery),
    until: (handle: WorkflowHandle, what: string, ok: (v: CoordinationView) => boolean) =>
      waitFor(
        async () => {
          const v = await handle.query(coordinationViewQuery);
          return ok(v) ? v : undefined;
        },
        { what, timeoutMs: 30_000 },
      ),
    /** The process's events in its outbox for a family, oldest first: `[name, payload]`. */
    async events(familyId: string): Promise<[string, Record<string, unknown>][]> {
      const rows = (await ds.query(`SELECT event_type, value FROM "${schema}".outbox WHERE partition_key = $1 ORDER BY seq`, [
        familyId,
      ])) as {
        event_type: string;
        value: string;
      }[];
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.linkages\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    /** A clock's live view from its deadline workflow. */
    async clock(subjectId: string, purpose: string) {
      const deadlineId = tc.deadlineIdOf(subjectId, purpose);
      if (!deadlineId) return undefined;
      return env.client.workflow.getHandle(`referrals/deadline/${deadlineId}`).query(deadlineViewQuery);
    },
    async close() {
      await h.close();
      await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export type CoordinationHarness = Awaited<ReturnType<typeof createCoordinationHarness>>;
