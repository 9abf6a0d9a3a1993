import { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import type { Principal } from '@linkages/platform-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import {
  DeadlineClient,
  DeadlineCommands,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, uniqueSuffix } from '@linkages/platform-testing';
import { createSharingAuthorityActivities } from '@linkages/referrals-activities';
import {
  FamilyResolver,
  PlanRepository,
  ReferralRepository,
  SharingAuthorityRepository,
  authorityAndPlanMigrations,
  identityEntities,
  linkagesPlanEntities,
  referralEntities,
} from '@linkages/referrals-data-access';
import { linkagesRules, type ConsentScope } from '@linkages/referrals-domain';
import { createEvent, type EventDefinition } from '@linkages/shared-contracts';
import type { z } from 'zod';
import { AuthorityRecorder } from '../authority/authority.recorder';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty } from '../authority/family-in-county';
import { ListAuthoritiesQuery } from '../authority/list-authorities.query';
import { RecordConsentCommand } from '../authority/record-consent.command';
import { RecordMdtCommand } from '../authority/record-mdt.command';
import { RevokeAuthorityCommand } from '../authority/revoke-authority.command';
import { ReferralInCounty } from '../referral/referral-in-county';
import { FamilyTimelineQuery } from '../timeline/family-timeline.query';
import { timelineEventHandlers } from '../timeline/timeline-event.handlers';
import { AddPlanActivityCommand } from './add-plan-activity.command';
import { DecideWtwCountCommand } from './decide-wtw-count.command';
import { PlanAudit } from './plan-audit';
import { PlanEvaluator } from './plan-evaluator';
import { planEventHandlers } from './plan-event.handlers';
import { ReadPlanQuery } from './read-plan.query';
import { RecordCircumstancesCommand } from './record-circumstances.command';

export const COUNTY = '06085';
export const principal = (agency: 'cws' | 'calworks', subject = `${agency}-worker-1`, county = COUNTY): Principal => ({
  subject,
  agency,
  county,
  roles: [agency === 'cws' ? 'cws.supervisor' : 'calworks.worker'],
});

/**
 * The plan, timeline and authority use cases below HTTP over the real referrals tables in a throwaway schema on the
 * real PostgreSQL (migrations as the service runs them), the plan's inbox handlers called as the inbox calls them
 * (in a transaction), and the authority's process in the time-skipping server with its real activity.
 */
export async function startPlanApi() {
  const schema = `it_plan_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stackEnv().DATABASE_URL,
    {
      schema,
      entities: [TrackedDeadlineEntity, ...referralEntities, ...identityEntities, ...linkagesPlanEntities],
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        ...deadlineTrackingMigrations(schema),
        ...authorityAndPlanMigrations(schema),
      ],
    },
    'it-plan',
  );
  await migrateUp(options);
  const ds = await new DataSource(options).initialize();
  const env = await createTimeSkippingEnv();
  const temporal = { connection: env.connection, client: env.client };
  const identity = { name: 'referrals', schema };
  const registry = new PolicyRegistry(linkagesRules);
  const clocks = new TrackedDeadlines(
    new DeadlineCommands(identity, registry),
    new DeadlineClient(temporal, identity, registry),
    identity,
    registry,
  );
  const audit = new AuditLog(ds, schema);
  const outbox = new OutboxWriter(schema, 'referrals');
  const authorities = new SharingAuthorityRepository();
  const families = new FamilyResolver();
  const plans = new PlanRepository();
  const { code } = await bundleWorkflowsForTest(require.resolve('@linkages/referrals-workflows'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'referrals',
    workflowBundle: { code },
    activities: createSharingAuthorityActivities({ dataSource: ds, outbox, audit, authorities }),
    ...workerTelemetry('it-plan'),
  });
  const running = worker.run();

  const familyInCounty = new FamilyInCounty(ds, families, audit);
  const disclosure = new FamilyDisclosure(authorities, audit);
  const evaluator = new PlanEvaluator(plans, outbox);
  const planAudit = new PlanAudit(audit);
  const readPlan = new ReadPlanQuery(ds, familyInCounty, disclosure, plans, evaluator, authorities);
  const referralInCounty = new ReferralInCounty(ds, new ReferralRepository(), audit);
  const recorder = new AuthorityRecorder(ds, authorities, families, clocks, temporal, audit);
  const handlers = [...planEventHandlers(families, plans, evaluator), ...timelineEventHandlers(families)];

  return {
    ds,
    schema,
    env,
    families,
    /** A CalWORKs event delivered to the plan's handler in an inbox-like transaction (returns the event). */
    async deliver<S extends z.ZodObject>(def: EventDefinition<S>, payload: z.input<S>, id?: string, service = 'calworks') {
      const event = createEvent(def, payload, { service, countyCode: COUNTY, correlationId: 'it-plan', ...(id ? { id } : {}) });
      const registration = handlers.find((h) => h.event.type === def.type);
      if (!registration) throw new Error(`no handler for ${def.type}`);
      await ds.transaction((tx) => registration.handle(event as never, tx));
      return event;
    },
    familyOfAu: (auId: string) => families.familyOf(ds.manager, COUNTY, { kind: 'au', id: auId }),
    readPlan,
    addActivity: new AddPlanActivityCommand(ds, familyInCounty, plans, evaluator, planAudit, readPlan),
    recordCircumstances: new RecordCircumstancesCommand(ds, familyInCounty, plans, evaluator, planAudit, readPlan),
    decideWtwCount: new DecideWtwCountCommand(ds, familyInCounty, plans, evaluator, planAudit, readPlan),
    timeline: new FamilyTimelineQuery(ds, familyInCounty, disclosure, authorities, clocks),
    recordConsent: new RecordConsentCommand(referralInCounty, familyInCounty, recorder),
    recordMdt: new RecordMdtCommand(referralInCounty, familyInCounty, recorder, clocks),
    revoke: new RevokeAuthorityCommand(ds, referralInCounty, familyInCounty, authorities, outbox, clocks, temporal, audit),
    listAuthorities: new ListAuthoritiesQuery(ds, referralInCounty, familyInCounty, authorities, audit),
    /**
     * What a recorded consent names beyond its categories (`substance-use-records`, 42 CFR 2.31), set on its row: the
     * consent body does not take `scopes` yet (the authority slice's), so the spec records the consent through its use
     * case and then names the scopes as that use case will.
     */
    async nameScopes(authorityId: string, scopes: ConsentScope[]) {
      await ds.transaction(async (tx) => {
        const row = await authorities.forUpdate(tx, authorityId);
        if (!row) throw new Error(`no authority ${authorityId}`);
        await authorities.save(tx, Object.assign(row, { scopes }));
      });
    },
    /** referrals' outbox events for a family, oldest first: `[name, payload]`. */
    async events(familyId: string): Promise<[string, Record<string, unknown>][]> {
      const rows = (await ds.query(`SELECT event_type, value FROM "${schema}".outbox WHERE partition_key = $1 ORDER BY seq`, [
        familyId,
      ])) as { event_type: string; value: string }[];
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.linkages\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    async audits(where: string, params: unknown[]) {
      return (await ds.query(
        `SELECT actor_subject, action, record_type, record_id, purpose, outcome, authority, reason, details FROM "${schema}".audit_log WHERE ${where} ORDER BY seq`,
        params,
      )) as {
        actor_subject: string;
        action: string;
        record_type: string;
        record_id: string;
        purpose: string;
        outcome: string;
        authority: string | null;
        reason: string | null;
        details: Record<string, unknown> | null;
      }[];
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export type PlanApi = Awaited<ReturnType<typeof startPlanApi>>;

/** The HTTP status a use case answers with (0 when it succeeds). */
export const statusOf = (p: Promise<unknown>): Promise<number> =>
  p.then(
    () => 0,
    (e: unknown) => (e as { getStatus?: () => number }).getStatus?.() ?? -1,
  );
