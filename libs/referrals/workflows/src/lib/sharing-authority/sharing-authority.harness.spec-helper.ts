import { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { decideCwsDisclosure, type DisclosureDecision, type Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { createSharingAuthorityActivities } from '@linkages/referrals-activities';
import {
  SharingAuthorityEntity,
  SharingAuthorityRepository,
  authorityAndPlanMigrations,
  identityEntities,
  linkagesPlanEntities,
  referralEntities,
} from '@linkages/referrals-data-access';
import { consentTerms, toSharingAuthority, type AuthorityTerms } from '@linkages/referrals-domain';
import { authorityViewQuery, type SharingAuthorityView } from './sharing-authority.messages';

export const COUNTY = '06085';
const uuid = () => globalThis.crypto.randomUUID();

/** A CalWORKs eligibility worker of the county (consent covers the agency). */
export const calworksWorker: Principal = { subject: 'ew-1', agency: 'calworks', county: COUNTY, roles: ['calworks.worker'] };

/**
 * The sharing-authority process in the time-skipping test server: the real workflow and its real activity over the
 * real referrals tables (sharing_authorities, outbox, audit log) in a throwaway schema. Legal time passes in seconds.
 */
export async function createAuthorityHarness() {
  const schema = `it_auth_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    {
      schema,
      entities: [...referralEntities, ...identityEntities, ...linkagesPlanEntities],
      migrations: [createMessagingMigration(schema), createAuditMigration(schema), ...authorityAndPlanMigrations(schema)],
    },
    'it-authority',
  );
  await migrateUp(options);
  const ds = await new DataSource(options).initialize();
  const env = await createTimeSkippingEnv();
  const taskQueue = `it-authority-${uniqueSuffix()}`;
  const { code } = await bundleWorkflowsForTest(require.resolve('../../index.ts'));
  const authorities = new SharingAuthorityRepository();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code },
    activities: createSharingAuthorityActivities({
      dataSource: ds,
      outbox: new OutboxWriter(schema, 'referrals'),
      audit: new AuditLog(ds, schema),
      authorities,
    }),
    ...workerTelemetry('it-authority'),
  });
  const running = worker.run();
  const now = async () => new Date(await env.currentTimeMs());

  return {
    env,
    ds,
    schema,
    now,
    /** Moves the test server's clock to `iso` (never backwards). */
    async travelTo(iso: string) {
      const delta = Date.parse(iso) - (await env.currentTimeMs());
      if (delta > 0) await env.sleep(delta);
    },
    /** Records an authority on a new shared family (as AuthorityRecorder writes it) and starts its process. */
    async record(
      terms: AuthorityTerms = consentTerms({
        signedOn: '2027-09-01',
        expiresOn: '2027-09-30',
        categories: ['identity', 'detail'],
        reference: 'SCD 1029 #1',
      }),
    ) {
      const authority = Object.assign(new SharingAuthorityEntity(), {
        ...terms,
        id: uuid(),
        referralId: null,
        familyId: uuid(),
        countyCode: COUNTY,
        recordedBy: 'cws-worker-1',
        recordedAt: await now(),
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
        endedReason: null,
      });
      await authorities.save(ds.manager, authority);
      const handle = await env.client.workflow.start('sharingAuthorityWorkflow', {
        taskQueue,
        workflowId: `referrals/authority/${authority.id}`,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [
          {
            authorityId: authority.id,
            familyId: authority.familyId,
            countyCode: COUNTY,
            kind: authority.kind,
            expiresAt: authority.expiresAt.toISOString(),
          },
        ],
      });
      return { authority, handle: handle as WorkflowHandle };
    },
    row: (id: string) => ds.getRepository(SharingAuthorityEntity).findOneByOrFail({ id }),
    /** What a CalWORKs worker may see of the family's CWS records at `at`, from the recorded authorities (the policy at read time). */
    async decision(familyId: string, at: Date, viewer: Principal = calworksWorker): Promise<DisclosureDecision> {
      const rows = await authorities.ofFamily(ds.manager, familyId);
      return decideCwsDisclosure(viewer, { county: COUNTY }, rows.map(toSharingAuthority), at);
    },
    view: (handle: WorkflowHandle): Promise<SharingAuthorityView> => handle.query(authorityViewQuery),
    /**
     * The process's view once it has completed. Not `handle.result()`: in the time-skipping server that lets time run
     * free while it waits, and the next test's timers would fire early; time passes here only through `travelTo`.
     */
    finished: (handle: WorkflowHandle) =>
      waitFor(async () => ((await handle.describe()).status.name === 'COMPLETED' ? handle.query(authorityViewQuery) : undefined), {
        what: 'the authority process completed',
        timeoutMs: 30_000,
      }),
    async events(familyId: string): Promise<[string, Record<string, unknown>][]> {
      const rows = (await ds.query(`SELECT event_type, value FROM "${schema}".outbox WHERE partition_key = $1 ORDER BY seq`, [
        familyId,
      ])) as { event_type: string; value: string }[];
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.linkages\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    async audits(recordId: string) {
      return (await ds.query(
        `SELECT actor_subject, action, purpose, outcome, occurred_at, details FROM "${schema}".audit_log WHERE record_id = $1 ORDER BY seq`,
        [recordId],
      )) as {
        actor_subject: string;
        action: string;
        purpose: string;
        outcome: string;
        occurred_at: Date;
        details: Record<string, unknown>;
      }[];
    },
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export type AuthorityHarness = Awaited<ReturnType<typeof createAuthorityHarness>>;
