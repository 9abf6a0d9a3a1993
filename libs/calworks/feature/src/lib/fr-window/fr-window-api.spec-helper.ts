import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import { calworksRules } from '@linkages/calworks-domain';
import { createFrAidWindowActivities } from '@linkages/calworks-activities';
import {
  AssistanceUnitRepository,
  CreateCalworksHouseholdTables1770000000000,
  CreateCalworksSanctionTables1771000000000,
  FrWindowRepository,
  SanctionRepository,
  WtwParticipantRepository,
  frWindowMigrations,
  frWindowEntities,
  householdEntities,
  sanctionEntities,
} from '@linkages/calworks-data-access';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
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
import { InboxConsumer, OutboxWriter, createKafkaClient, createMessagingMigration, ensureTopics } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, stackCrypto, stackEnv, waitFor } from '@linkages/platform-testing';
import { createEvent, toKafkaRecord, topics, type EventDefinition, type TopicDefinition } from '@linkages/shared-contracts';
import type { z } from 'zod';
import { CreateAssistanceUnit } from '../household/assistance-unit/create-assistance-unit.command';
import { HouseholdAudit } from '../household/household-audit';
import { HouseholdRecords } from '../household/household-records';
import { EnrollWtwParticipant } from '../household/wtw/enroll-wtw-participant.command';
import { WtwParticipantLoader } from '../household/wtw/wtw-participant.loader';
import { ConfirmMembers } from './confirm-members.command';
import { RecordRedetermination } from './record-redetermination.command';
import { FrProcesses } from './fr-processes';
import { FrRemovalQuery } from './fr-removal.query';
import { FrReviewListQuery } from './fr-review-list.query';
import { SanctionLinkages } from '../sanction/sanction-linkages';
import { frWindowEventHandlers } from './fr-window-event.handlers';
import { MatchCaseNumber } from './match-case-number.command';

/**
 * The FR aid process below HTTP: a throwaway database with the service's tables, child welfare's events produced on
 * the real Kafka broker (a test topic) and consumed by the real inbox with the FR handlers, the process in the
 * time-skipping server with its clocks as real deadline workflows (the real deadline command relay), the use cases.
 */
export async function startFrApi() {
  const stack = stackEnv();
  const name = `linkages_it_fr_${randomBytes(4).toString('hex')}`;
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
      entities: [TrackedDeadlineEntity, ...householdEntities, ...sanctionEntities, ...frWindowEntities],
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        CreateCalworksHouseholdTables1770000000000,
        CreateCalworksSanctionTables1771000000000,
        ...frWindowMigrations(schema),
      ],
    },
    'it-fr-api',
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
  const frWindows = new FrWindowRepository();
  const units = new AssistanceUnitRepository();
  const participants = new WtwParticipantRepository();
  const { code } = await bundleWorkflowsForTest(require.resolve('./fr-window-api-workflows.spec-helper.ts'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'calworks',
    workflowBundle: { code },
    activities: {
      ...createDeadlineActivities({ dataSource, outbox }),
      ...createFrAidWindowActivities({
        dataSource,
        outbox,
        clocks,
        frWindows,
        participantOf: async (tx, memberId) => (await participants.ofMember(tx, memberId))?.id,
      }),
    },
    ...workerTelemetry('it-fr-api'),
  });
  const running = worker.run();
  const logger = createLogger({ service: 'it-fr-api', process: 'test', level: 'warn' });
  const relay = new DeadlineCommandRelay(dataSource, logger, deadlines, identity, registry, { pollIntervalMs: 100 });
  await relay.start();

  // Child welfare's case events on a topic of this test's own (the inbox finds handlers by event type).
  const topic: TopicDefinition = { ...topics.cwsCaseEvents, name: `it.fr-cws-${randomBytes(4).toString('hex')}.v1` };
  const kafka = createKafkaClient({ clientId: 'it-fr-api', brokers: stack.KAFKA_BROKERS.split(',') });
  await ensureTopics(kafka, [topic]);
  const inbox = new InboxConsumer({
    kafka,
    dataSource,
    schema,
    groupId: `it-fr-${randomBytes(4).toString('hex')}`,
    topics: [topic.name],
    handlers: frWindowEventHandlers(
      temporal,
      frWindows,
      units,
      clocks,
      new SanctionLinkages(temporal, participants, new SanctionRepository()),
    ),
    logger,
    fromBeginning: true,
    retries: 2,
    initialRetryMs: 200,
  });
  await inbox.start();
  const producer = kafka.producer();
  await producer.connect();

  const audit = new HouseholdAudit(new AuditLog(dataSource, schema));
  const records = new HouseholdRecords(units, participants, audit);
  const { personalData, matchKeys } = stackCrypto(stack);
  const processes = new FrProcesses(dataSource, temporal, frWindows, clocks, audit);
  const settle = async () => {
    await waitFor(
      async () =>
        ((await dataSource.query(`SELECT count(*)::int AS n FROM calworks.deadline_commands WHERE done_at IS NULL`)) as { n: number }[])[0]
          ?.n === 0,
      { what: 'deadline commands applied' },
    );
    await new Promise((r) => setTimeout(r, 200));
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
    /** Publishes a child welfare (or, with `service`, another producer's) event on Kafka, as its outbox relay does. */
    async publish<S extends z.ZodObject>(def: EventDefinition<S>, payload: z.input<S>, countyCode: string, service = 'child-welfare') {
      const event = createEvent(def, payload, {
        service,
        countyCode,
        correlationId: `it-fr-${randomBytes(3).toString('hex')}`,
      });
      const record = toKafkaRecord(event);
      await producer.send({ topic: topic.name, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
      return event;
    },
    /** The service's outbox events for a family, oldest first. */
    async events(familyId: string): Promise<[string, Record<string, unknown>][]> {
      const rows = (await dataSource.query(`SELECT event_type, value FROM calworks.outbox WHERE partition_key = $1 ORDER BY seq`, [
        familyId,
      ])) as {
        event_type: string;
        value: string;
      }[];
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.calworks\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    createAu: new CreateAssistanceUnit(dataSource, units, personalData, matchKeys, outbox, audit),
    enroll: new EnrollWtwParticipant(dataSource, records, participants, new WtwParticipantLoader(participants, clocks), audit),
    removal: new FrRemovalQuery(dataSource, processes, audit),
    reviewList: new FrReviewListQuery(dataSource, frWindows, audit),
    confirm: new ConfirmMembers(dataSource, processes, records, units, audit),
    match: new MatchCaseNumber(dataSource, frWindows, records, clocks, processes, audit),
    redetermine: new RecordRedetermination(dataSource, processes, audit),
    async stop() {
      await producer.disconnect();
      await inbox.stop();
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
