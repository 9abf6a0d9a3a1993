import { DataSource } from 'typeorm';
import type { WorkflowHandle } from '@temporalio/client';
import { createFrAidWindowActivities } from '@linkages/calworks-activities';
import { FrWindowRepository, frWindowMigrations, frWindowEntities } from '@linkages/calworks-data-access';
import { calworksRules, defaultFrCountySettings, type FrCountySettings } from '@linkages/calworks-domain';
import { createDeadlineHarness, type DeadlineHarness } from '@linkages/platform-deadline-testing';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import {
  confirmMembersUpdate,
  cwsFactSignal,
  frAidWindowViewQuery,
  recordRedeterminationUpdate,
  type CwsFact,
  type FrAidWindowView,
} from './fr-aid-window.messages';
import { testClocks } from './fr-test-clocks.spec-helper';

export const COUNTY = '06085';
export const EW = '33333333-3333-4333-8333-333333333333';
export const PARTICIPANT = '44444444-4444-4444-8444-444444444444';
const uuid = () => globalThis.crypto.randomUUID();

/**
 * The FR aid process in the time-skipping test server: the real workflow, the real activities over its own tables and
 * outbox in a throwaway schema, and real deadline workflows as its clocks (they signal it). Legal time passes in seconds.
 */
export async function createFrHarness() {
  const registry = new PolicyRegistry(calworksRules);
  const schema = `it_fr_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    { schema, entities: frWindowEntities, migrations: [createMessagingMigration(schema), ...frWindowMigrations(schema)] },
    'it-fr-process',
  );
  await migrateUp(options);
  const ds = await new DataSource(options).initialize();
  // The clocks reach the harness's server, created after them.
  const ref: { h?: DeadlineHarness } = {};
  const harness = () => {
    if (!ref.h) throw new Error('harness not started');
    return ref.h;
  };
  const tc = testClocks({
    registry,
    taskQueue: () => harness().taskQueue,
    client: () => harness().env.client.workflow,
    now: () => harness().env.currentTimeMs(),
  });
  const h = await createDeadlineHarness({
    service: 'calworks',
    registry,
    workflowsPath: require.resolve('./fr-aid-window.spec-helper.ts'),
    activities: () =>
      createFrAidWindowActivities({
        dataSource: ds,
        outbox: new OutboxWriter(schema, 'calworks'),
        clocks: tc.clocks,
        frWindows: new FrWindowRepository(),
        participantOf: async () => PARTICIPANT,
      }),
  });
  ref.h = h;
  const env = h.env;

  return {
    h,
    ds,
    schema,
    clocks: tc,
    /** child-removed, as the inbox handler passes it on (signal-with-start by the removal's business id). */
    async removed(r: {
      removalId?: string;
      familyId: string;
      caseId: string;
      removedAt: string;
      allChildrenRemoved?: boolean;
      settings?: FrCountySettings;
    }) {
      const removalId = r.removalId ?? uuid();
      const handle = await env.client.workflow.signalWithStart('frAidWindowWorkflow', {
        taskQueue: harness().taskQueue,
        workflowId: `calworks/fr-aid-window/${removalId}`,
        args: [
          {
            removalId,
            familyId: r.familyId,
            caseId: r.caseId,
            childId: uuid(),
            countyCode: COUNTY,
            removedAt: r.removedAt,
            allChildrenRemoved: r.allChildrenRemoved ?? true,
            auId: uuid(),
            reviewId: null,
            settings: r.settings ?? defaultFrCountySettings,
          },
        ],
        signal: cwsFactSignal,
        signalArgs: [{ eventId: uuid(), fact: { kind: 'child-removed' } }],
      });
      return { removalId, handle: handle as WorkflowHandle };
    },
    fact: (handle: WorkflowHandle, fact: CwsFact, eventId = uuid()) => handle.signal(cwsFactSignal, { eventId, fact }),
    confirm: (
      handle: WorkflowHandle,
      facts: Partial<{
        auAidedAtRemoval: boolean;
        caretakerNeedy: boolean;
        caretakerRole: 'parent' | 'caretaker-relative';
        parentWtwSanctioned: boolean;
      }> = {},
      exclusions: Partial<{ ssiRecipient: boolean }> = {},
    ) =>
      handle.executeUpdate(confirmMembersUpdate, {
        args: [
          {
            removedMemberIds: [uuid()],
            parentMemberId: uuid(),
            facts: { auAidedAtRemoval: true, caretakerRole: 'parent', caretakerNeedy: true, parentWtwSanctioned: false, ...facts },
            exclusions: {
              ssiRecipient: false,
              undocumentedNoncitizen: false,
              fleeingFelon: false,
              timeOnAidLimitReached: false,
              ...exclusions,
            },
            by: EW,
          },
        ],
      }),
    /** The eligibility worker completed an AB 429 redetermination on that date. */
    redetermined: (handle: WorkflowHandle, completedOn: string) =>
      handle.executeUpdate(recordRedeterminationUpdate, { args: [{ completedOn, by: EW }] }),
    view: (handle: WorkflowHandle) => handle.query(frAidWindowViewQuery),
    until: (handle: WorkflowHandle, what: string, ok: (v: FrAidWindowView) => boolean) =>
      waitFor(
        async () => {
          const v = await handle.query(frAidWindowViewQuery);
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
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.calworks\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    async close() {
      await h.close();
      await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export type FrHarness = Awaited<ReturnType<typeof createFrHarness>>;
