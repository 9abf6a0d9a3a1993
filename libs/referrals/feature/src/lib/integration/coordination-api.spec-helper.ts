import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication, type Provider } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Worker } from '@temporalio/worker';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import { MatchKeys } from '@linkages/platform-crypto';
import { createDeadlineActivities } from '@linkages/platform-deadline-activities';
import {
  DeadlineClient,
  DeadlineCommandRelay,
  DeadlineCommands,
  POLICY_REGISTRY,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { PolicyRegistry, countyConfigurations } from '@linkages/platform-deadlines';
import { IdempotencyInterceptor, ProblemDetailsFilter, createIdempotencyMigration } from '@linkages/platform-http';
import { createLogger } from '@linkages/platform-logging';
import {
  InboxConsumer,
  OutboxWriter,
  createKafkaClient,
  createMessagingMigration,
  ensureTopics,
  outboxWriterProvider,
  type HandlerRegistration,
} from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL, workerTelemetry } from '@linkages/platform-temporal';
import {
  bundleWorkflowsForTest,
  createTimeSkippingEnv,
  devToken,
  stackEnv,
  stackTokenVerifierOptions,
  testPlatformExports,
  testPlatformProviders,
  waitFor,
} from '@linkages/platform-testing';
import {
  COORDINATION_ACTIVITIES,
  SHARING_AUTHORITY_ACTIVITIES,
  coordinationActivitiesProvider,
  sharingAuthorityActivitiesProvider,
} from '@linkages/referrals-activities';
import {
  CoordinationRepository,
  SharingAuthorityRepository,
  referralsEntities,
  referralsMigrations,
} from '@linkages/referrals-data-access';
import { linkagesRules } from '@linkages/referrals-domain';
import { createEvent, toKafkaRecord, topics, type EventDefinition, type TopicDefinition } from '@linkages/shared-contracts';
import type { z } from 'zod';
import { IDENTITY_EVENT_HANDLERS, identityEventHandlersProvider } from '../identity/match-keys.handlers';
import { LinkagesIdentityModule } from '../identity/linkages-identity.module';
import { LinkagesAuthorityModule } from '../authority/linkages-authority.module';
import { LinkagesPlanModule } from '../plan/linkages-plan.module';
import { PLAN_EVENT_HANDLERS, planEventHandlersProvider } from '../plan/plan-event.handlers';
import { LinkagesTimelineModule } from '../timeline/linkages-timeline.module';
import { TIMELINE_EVENT_HANDLERS, timelineEventHandlersProvider } from '../timeline/timeline-event.handlers';
import {
  COORDINATION_EVENT_HANDLERS,
  coordinationEventHandlersProvider,
  coordinationWorkerProviders,
} from '../coordination/coordination-event.handlers';
import { LinkagesCoordinationModule } from '../coordination/linkages-coordination.module';
import { LinkagesPreventionModule } from '../prevention/linkages-prevention.module';
import { PREVENTION_EVENT_HANDLERS, preventionEventHandlersProvider } from '../prevention/prevention-event.handlers';

const schema = 'referrals';
/** Whose event it is: an agency's, or one of referrals' own as its outbox relay would send it (the harness runs no relay). */
type Producer = 'child-welfare' | 'calworks' | 'referrals';

/**
 * The Linkages coordination of the referrals service below its composition root (issue 13): a throwaway PostgreSQL
 * database migrated with the referrals migrations (schema `referrals`, `referralsMigrations` as
 * apps/referrals/src/persistence.ts runs them); the agencies' events produced on the real Kafka broker on this run's
 * own copies of the topics referrals reads (identity match keys, CWS case events, CalWORKs WTW and FR aid events, and
 * its own referral events: `relay()` sends referrals' unsent outbox rows there as the outbox relay would) and consumed
 * by one real InboxConsumer with every referrals handler provider; the referrals workflows and activities in the
 * time-skipping server, their clocks as real deadline workflows through the real DeadlineCommandRelay; the slices'
 * Nest modules (controllers, guards, idempotency, problem+json; the typed-in prevention facts too) over HTTP with the
 * development identity provider's tokens, and the MATCH_KEYS the agencies' services use (`matchKeys`, shared with the
 * spec's agency events). The platform providers are wired by hand, as in child welfare's case-api.spec-helper (a
 * feature's test may not import the composition root). Every log line is kept (`logs`), so the spec can prove match
 * keys and names never reach one.
 */
export async function startCoordinationApi() {
  const stack = stackEnv();
  const run = randomBytes(4).toString('hex');
  const name = `linkages_it_coordination_${run}`;
  const admin = new Client({ connectionString: stack.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(stack.DATABASE_URL);
  url.pathname = `/${name}`;
  const options = createDataSourceOptions(
    url.toString(),
    {
      schema,
      entities: [TrackedDeadlineEntity, ...referralsEntities],
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        ...referralsMigrations(schema),
      ],
    },
    'it-coordination',
  );
  await migrateUp(options);

  // Every log line of the run (debug and up: more than operators keep), for the canary.
  const logs: string[] = [];
  const logger = createLogger({
    service: 'referrals',
    process: 'test',
    level: 'debug',
    destination: { write: (line: string) => void logs.push(line) },
  });
  const env = await createTimeSkippingEnv();
  const temporal = { connection: env.connection, client: env.client };
  const identity = { name: 'referrals', schema };
  const registry = new PolicyRegistry(linkagesRules, countyConfigurations);
  /** The keys both agencies compute under the shared MATCH_KEY (a fresh one: referrals only compares). */
  const matchKeys = new MatchKeys(randomBytes(32));

  // Each slice's worker pieces, as apps/referrals/src/worker.module.ts lists them.
  const handlerTokens: symbol[] = [
    IDENTITY_EVENT_HANDLERS,
    COORDINATION_EVENT_HANDLERS,
    PLAN_EVENT_HANDLERS,
    TIMELINE_EVENT_HANDLERS,
    PREVENTION_EVENT_HANDLERS,
  ];
  const activityTokens: symbol[] = [COORDINATION_ACTIVITIES, SHARING_AUTHORITY_ACTIVITIES];
  const sliceProviders: Provider[] = [
    identityEventHandlersProvider,
    coordinationEventHandlersProvider,
    planEventHandlersProvider,
    timelineEventHandlersProvider,
    preventionEventHandlersProvider,
    coordinationActivitiesProvider,
    sharingAuthorityActivitiesProvider,
    ...coordinationWorkerProviders,
    CoordinationRepository,
    SharingAuthorityRepository,
  ];

  @Global()
  @Module({
    imports: [TypeOrmModule.forRoot(options)],
    providers: [
      ...testPlatformProviders({ identity, logger, matchKeys, env: stack }),
      { provide: POLICY_REGISTRY, useValue: registry },
      { provide: TEMPORAL, useValue: temporal },
      { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new AuditLog(ds, schema) },
      { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(stack)) },
      { provide: APP_GUARD, useClass: AuthGuard },
      outboxWriterProvider,
      DeadlineClient,
      DeadlineCommands,
      TrackedDeadlines,
      IdempotencyInterceptor,
    ],
    exports: [
      ...testPlatformExports,
      POLICY_REGISTRY,
      TEMPORAL,
      AUDIT_LOG,
      TOKEN_VERIFIER,
      outboxWriterProvider.provide,
      DeadlineClient,
      DeadlineCommands,
      TrackedDeadlines,
      IdempotencyInterceptor,
    ],
  })
  class TestPlatformModule {}

  @Module({
    imports: [
      TestPlatformModule,
      LinkagesIdentityModule,
      LinkagesAuthorityModule,
      LinkagesCoordinationModule,
      LinkagesPlanModule,
      LinkagesTimelineModule,
      LinkagesPreventionModule,
    ],
    providers: sliceProviders,
  })
  class TestReferralsModule {}

  const app: INestApplication = await NestFactory.create(TestReferralsModule, { logger: ['error'], abortOnError: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const outbox = app.get(OutboxWriter);
  const deadlines = app.get(DeadlineClient);

  // The worker: the referrals workflows and every slice's activities, as apps/referrals/src/worker.module.ts wires them.
  const { code } = await bundleWorkflowsForTest(require.resolve('./coordination-workflows.spec-helper.ts'));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'referrals',
    workflowBundle: { code },
    activities: Object.assign({}, createDeadlineActivities({ dataSource, outbox }), ...activityTokens.map((t) => app.get<object>(t))),
    ...workerTelemetry('it-coordination'),
  });
  const running = worker.run();
  const relay = new DeadlineCommandRelay(dataSource, logger, deadlines, identity, registry, { pollIntervalMs: 100 });
  await relay.start();

  // This run's own copies of the topics referrals consumes (the inbox finds its handlers by event type).
  const copy = (t: TopicDefinition): TopicDefinition => ({ ...t, name: `it.coordination-${run}.${t.name}` });
  const topicOf = {
    identity: copy(topics.identityMatchKeys),
    cws: copy(topics.cwsCaseEvents),
    wtw: copy(topics.calworksWtwEvents),
    frAid: copy(topics.calworksFrAidEvents),
    linkages: copy(topics.linkagesReferralEvents),
  };
  const topicFor = (def: { topic: TopicDefinition }) => {
    const found = Object.values(topicOf).find((t) => t.name.endsWith(def.topic.name));
    if (!found) throw new Error(`No test topic for ${def.topic.name}`);
    return found;
  };
  const kafka = createKafkaClient({ clientId: `it-coordination-${run}`, brokers: stack.KAFKA_BROKERS.split(',') });
  const all = Object.values(topicOf);
  await ensureTopics(kafka, all);
  const handlers = handlerTokens.flatMap((t) => app.get<HandlerRegistration[]>(t));
  const groupId = `it-coordination-${run}`;
  const inbox = new InboxConsumer({
    kafka,
    dataSource,
    schema,
    groupId,
    topics: all.map((t) => t.name),
    handlers,
    logger,
    fromBeginning: true,
    retries: 2,
    initialRetryMs: 200,
  });
  await inbox.start();
  logger.info({ database: name, topics: all.map((t) => t.name) }, 'Linkages coordination harness started');
  const producer = kafka.producer();
  await producer.connect();

  const tokens = new Map<string, string>();
  const token = async (user: string) => tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user)!;
  const request = async (method: 'GET' | 'POST', path: string, body: unknown, user: string, idempotencyKey?: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(user)}`,
        ...(method === 'POST'
          ? { 'content-type': 'application/json', 'idempotency-key': idempotencyKey ?? randomBytes(12).toString('hex') }
          : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & unknown[],
    };
  };
  const query = <T>(sql: string, params: unknown[] = []) => dataSource.query(sql, params) as Promise<T[]>;
  const settle = async () => {
    await waitFor(
      async () =>
        (await query<{ n: number }>(`SELECT count(*)::int AS n FROM referrals.deadline_commands WHERE done_at IS NULL`))[0]?.n === 0,
      { what: 'deadline commands applied' },
    );
    await new Promise((r) => setTimeout(r, 200));
  };

  return {
    env,
    dataSource,
    logs,
    /** The keys both agencies compute under the shared MATCH_KEY, as MATCH_KEYS in the service (typed-in households). */
    matchKeys,
    query,
    settle,
    async sleep(ms: number) {
      await settle();
      await env.sleep(ms);
      await settle();
    },
    get: (path: string, user: string) => request('GET', path, undefined, user),
    /** A POST with a fresh Idempotency-Key, or the one given (a replay). */
    post: (path: string, body: unknown, user: string, idempotencyKey?: string) => request('POST', path, body, user, idempotencyKey),
    /** Publishes an agency's event on Kafka, keyed as its outbox relay keys it. */
    async publish<S extends z.ZodObject>(def: EventDefinition<S>, payload: z.input<S>, countyCode: string, service: Producer) {
      const event = createEvent(def, payload, { service, countyCode, correlationId: `it-coordination-${randomBytes(3).toString('hex')}` });
      const record = toKafkaRecord(event);
      await producer.send({ topic: topicFor(def).name, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
      return event;
    },
    /**
     * Publishes referrals' unsent outbox rows of its referral-events topic to this run's copy, as the relay would; their
     * ids and types (the inbox records only the events some referrals handler takes).
     */
    async relay(): Promise<{ id: string; type: string }[]> {
      const rows = await query<{
        event_id: string;
        event_type: string;
        partition_key: string;
        headers: Record<string, string>;
        value: string;
      }>(
        `SELECT event_id, event_type, partition_key, headers, value FROM referrals.outbox WHERE sent_at IS NULL AND topic = $1 ORDER BY seq`,
        [topics.linkagesReferralEvents.name],
      );
      if (rows.length === 0) return [];
      await producer.send({
        topic: topicOf.linkages.name,
        messages: rows.map((r) => ({ key: r.partition_key, value: r.value, headers: r.headers })),
      });
      await query(`UPDATE referrals.outbox SET sent_at = now() WHERE event_id = ANY($1::uuid[])`, [rows.map((r) => r.event_id)]);
      return rows.map((r) => ({ id: r.event_id, type: r.event_type }));
    },
    /** Waits until the inbox processed an event (fails with the dead-letter log line when its handler failed). */
    async processed(eventId: string) {
      await waitFor(
        async () => {
          const failed = logs.find((l) => l.includes('dead-letter topic'));
          if (failed) throw new Error(`An event was dead-lettered: ${failed}`);
          return (await query(`SELECT 1 FROM referrals.inbox WHERE consumer_group = $1 AND event_id = $2`, [groupId, eventId])).length > 0;
        },
        { timeoutMs: 30_000, what: `event ${eventId} processed by the referrals inbox` },
      );
    },
    /** referrals' outbox events for a (Linkages) family, oldest first: [short type, payload]. */
    async events(familyId: string): Promise<[string, Record<string, unknown>][]> {
      const rows = await query<{ event_type: string; value: string }>(
        `SELECT event_type, value FROM referrals.outbox WHERE partition_key = $1 ORDER BY seq`,
        [familyId],
      );
      return rows.map((r) => [r.event_type.replace(/^gov\.ca\.linkages\.linkages\./, '').replace(/\.v1$/, ''), JSON.parse(r.value)]);
    },
    async stop() {
      await producer.disconnect();
      await inbox.stop();
      await relay.stop();
      worker.shutdown();
      await running;
      await app.close();
      await env.teardown();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type CoordinationApi = Awaited<ReturnType<typeof startCoordinationApi>>;
