import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import { calworksRules } from '@linkages/calworks-domain';
import {
  AssistanceUnitRepository,
  CreateCalworksHouseholdTables1770000000000,
  SanctionRepository,
  WtwParticipantRepository,
  createCalworksSanctionTablesMigration,
  householdEntities,
  sanctionEntities,
} from '@linkages/calworks-data-access';
import { createSanctionActivities } from '@linkages/calworks-activities';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { BlindIndex, FieldCipher, MatchKeys, parseKeyring, PersonalData } from '@linkages/platform-crypto';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import {
  DeadlineClient,
  DeadlineCommandRelay,
  DeadlineCommands,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { createIdempotencyMigration } from '@linkages/platform-http';
import { createLogger } from '@linkages/platform-logging';
import { createMessagingMigration, OutboxWriter } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackEnv, waitFor } from '@linkages/platform-testing';
import { CreateAssistanceUnit } from '../household/assistance-unit/create-assistance-unit.command';
import { HouseholdAudit } from '../household/household-audit';
import { HouseholdRecords } from '../household/household-records';
import { EnrollWtwParticipant } from '../household/wtw/enroll-wtw-participant.command';
import { WtwParticipantLoader } from '../household/wtw/wtw-participant.loader';
import { CompleteCure } from './complete-cure.command';
import { FindGoodCause } from './find-good-cause.command';
import { NoncomplianceEpisodeQuery } from './noncompliance-episode.query';
import { OpenNoncomplianceEpisode } from './open-noncompliance-episode.command';
import { ParticipantEpisodesQuery } from './participant-episodes.query';
import { RequestCure } from './request-cure.command';
import { ReviewSanctionRequest } from './review-sanction-request.command';
import { SanctionLinkages } from './sanction-linkages';
import { SanctionProcesses } from './sanction-processes';
import { SignCompliancePlan } from './sign-compliance-plan.command';
import { SignCurePlan } from './sign-cure-plan.command';

/**
 * The sanction API's use cases against a throwaway database (the service's migrations, household and sanction
 * included), the time-skipping test server with a worker running the sanction and deadline workflows and their real
 * activities, and the real deadline command relay.
 */
export async function startSanctionApi() {
  const stack = stackEnv();
  const name = `linkages_it_sanction_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: stack.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(stack.DATABASE_URL);
  url.pathname = `/${name}`;
  const schema = 'calworks';
  const options = createDataSourceOptions(
    url.toString(),
    {
      schema,
      entities: [TrackedDeadlineEntity, ...householdEntities, ...sanctionEntities],
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        CreateCalworksHouseholdTables1770000000000,
        createCalworksSanctionTablesMigration(schema),
      ],
    },
    'it-sanction-api',
  );
  await migrateUp(options);
  const dataSource = await new DataSource(options).initialize();
  const env = await createTimeSkippingEnv();
  const identity = { name: 'calworks', schema };
  const registry = new PolicyRegistry(calworksRules);
  const temporal = { connection: env.connection, client: env.client };
  const deadlines = new DeadlineClient(temporal, identity, registry);
  const clocks = new TrackedDeadlines(new DeadlineCommands(identity, registry), deadlines, identity, registry);
  const outbox = new OutboxWriter(schema, 'calworks');
  const sanctions = new SanctionRepository();
  const { code } = await bundleWorkflowsForTest(require.resolve('./sanction-api-workflows.spec-helper.ts'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'calworks',
    workflowBundle: { code },
    activities: {
      ...createDeadlineActivities({ dataSource, outbox }),
      ...createSanctionActivities({ dataSource, outbox, clocks, sanctions }),
    },
    ...workerTelemetry('it-sanction-api'),
  });
  const running = worker.run();
  const relay = new DeadlineCommandRelay(
    dataSource,
    createLogger({ service: 'it-sanction-api', process: 'test', level: 'warn' }),
    deadlines,
    identity,
    registry,
    {
      pollIntervalMs: 100,
    },
  );
  await relay.start();

  const audit = new HouseholdAudit(new AuditLog(dataSource, schema));
  const units = new AssistanceUnitRepository();
  const participants = new WtwParticipantRepository();
  const records = new HouseholdRecords(units, participants, audit);
  const personalData = new PersonalData(
    new FieldCipher(parseKeyring(stack.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS')),
    BlindIndex.fromBase64(stack.BLIND_INDEX_KEY),
  );
  const matchKeys = MatchKeys.fromBase64(stack.MATCH_KEY);
  const processes = new SanctionProcesses(dataSource, temporal, sanctions, clocks, audit);
  const settle = async () => {
    await waitFor(
      async () =>
        ((await dataSource.query(`SELECT count(*)::int AS n FROM calworks.deadline_commands WHERE done_at IS NULL`)) as { n: number }[])[0]
          ?.n === 0,
      { what: 'deadline commands applied' },
    );
    await new Promise((r) => setTimeout(r, 150));
  };
  return {
    env,
    dataSource,
    settle,
    async sleep(ms: number) {
      await settle();
      await env.sleep(ms);
      await settle();
    },
    createAu: new CreateAssistanceUnit(dataSource, units, personalData, matchKeys, outbox, audit),
    enroll: new EnrollWtwParticipant(dataSource, records, participants, new WtwParticipantLoader(participants, clocks), audit),
    open: new OpenNoncomplianceEpisode(dataSource, temporal, registry, records, sanctions, processes, audit),
    episode: new NoncomplianceEpisodeQuery(processes, audit),
    episodes: new ParticipantEpisodesQuery(dataSource, records, sanctions, audit),
    goodCause: new FindGoodCause(processes),
    compliancePlan: new SignCompliancePlan(processes),
    review: new ReviewSanctionRequest(processes),
    cure: new RequestCure(processes),
    curePlan: new SignCurePlan(processes),
    cured: new CompleteCure(processes),
    linkages: new SanctionLinkages(temporal, participants, sanctions),
    async stop() {
      await relay.stop();
      worker.shutdown();
      await running;
      await env.teardown();
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
