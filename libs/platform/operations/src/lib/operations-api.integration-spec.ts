import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { defineEvent, familyId, type TopicDefinition } from '@linkages/shared-contracts';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier, perUserRateLimit } from '@linkages/platform-auth';
import { SERVICE_CONFIG } from '@linkages/platform-config';
import { ProblemDetailsFilter } from '@linkages/platform-http';
import { createLogger } from '@linkages/platform-logging';
import {
  InboxConsumer,
  KAFKA,
  OutboxRelay,
  OutboxWriter,
  createKafkaClient,
  createMessagingMigration,
  ensureTopics,
  on,
  type DeadLetterScope,
} from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL, createTemporalClient } from '@linkages/platform-temporal';
import {
  devToken,
  stackEnv,
  stackTokenVerifierOptions,
  testPlatformExports,
  testPlatformProviders,
  uniqueSuffix,
  waitFor,
} from '@linkages/platform-testing';
import { DEAD_LETTER_SCOPE, DeadLetterDesk } from './dead-letter-desk';
import { DeadLettersController } from './dead-letters.controller';
import { WorkflowsController } from './workflows.controller';

// The operators' API in a real Nest app with the platform's guards, against the real PostgreSQL, Kafka and Temporal:
// a throwaway topic (its dead-letter topic), the service's consumer group and a foreign one, a handler that fails
// until it is "fixed", then replay through HTTP, applied by the inbox once.
describe('operators API: dead letters and workflow counts (real PostgreSQL, Kafka, Temporal)', () => {
  const stack = stackEnv();
  const suffix = uniqueSuffix();
  const schema = `it_ops_${suffix}`;
  const service = { name: `it-ops-${suffix}`, schema };
  const topic: TopicDefinition = {
    name: `it.ops-${suffix}.v1`,
    description: 'test',
    partitions: 3,
    retentionMs: 3_600_000,
    key: 'familyId',
    producers: ['calworks'],
    consumers: ['referrals'],
  };
  const scope: DeadLetterScope = { groupId: `it-ops-${suffix}`, topics: [topic.name] };
  const probe = defineEvent({
    domain: 'linkages',
    name: 'ops-probe-recorded',
    topic,
    title: 'Ops probe recorded',
    description: 'Test event',
    producers: ['calworks'],
    payload: z.object({ familyId, seq: z.number().int().min(0) }),
    key: (p) => p.familyId,
    subject: (p) => `probe/${p.seq}`,
    example: { familyId: 'b6f1e2d4-8c3a-4e9b-a1f0-2d7c5e3b9a60', seq: 0 },
  });
  const options = createDataSourceOptions(
    stack.DATABASE_URL,
    { schema, entities: [], migrations: [createMessagingMigration(schema), createAuditMigration(schema)] },
    'it-ops-api',
  );
  const kafka = createKafkaClient({ clientId: `it-ops-${suffix}`, brokers: stack.KAFKA_BROKERS.split(',') });
  const temporal = createTemporalClient({ address: stack.TEMPORAL_ADDRESS, namespace: stack.TEMPORAL_NAMESPACE });
  const broken = { on: true };
  const started: { stop(): Promise<void> }[] = [];
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  const workflowIds: string[] = [];
  const tokens = new Map<string, string>();

  const call = async (method: 'GET' | 'POST', path: string, { user = 'ops', body }: { user?: string; body?: unknown } = {}) => {
    const token = tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user);
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  };
  type Item = {
    key: string;
    eventId: string | null;
    type: string | null;
    reason: string;
    failedAt: string;
    replayedAt: string | null;
    consumerGroup: string;
  };
  const items = async (query = '') => ((await call('GET', `/ops/dead-letters${query}`)).body['items'] ?? []) as Item[];
  const applied = async (seq: number) =>
    Number(((await ds.query(`SELECT count(*) AS n FROM "${schema}".applied WHERE seq = $1`, [seq])) as [{ n: string }])[0].n);
  const path = (key: string) => `/ops/dead-letters/${encodeURIComponent(key)}`;
  const letters: Record<number, Item> = {};

  beforeAll(async () => {
    await migrateUp(options);
    @Global()
    @Module({
      imports: [TypeOrmModule.forRoot(options), perUserRateLimit(() => 1000)],
      providers: [
        ...testPlatformProviders({ identity: service, log: { process: 'test', level: 'error' }, env: stack }),
        { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (d: DataSource) => new AuditLog(d, schema) },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(stack)) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        {
          provide: SERVICE_CONFIG,
          useValue: {
            DATABASE_URL: stack.DATABASE_URL,
            TEMPORAL_NAMESPACE: stack.TEMPORAL_NAMESPACE,
            TEMPORAL_UI_ORIGIN: 'http://127.0.0.1:8233/',
          },
        },
        { provide: KAFKA, useValue: kafka },
        { provide: TEMPORAL, useValue: temporal },
        { provide: DEAD_LETTER_SCOPE, useValue: scope },
        DeadLetterDesk,
      ],
      exports: [...testPlatformExports, AUDIT_LOG, TOKEN_VERIFIER, SERVICE_CONFIG, KAFKA, TEMPORAL, DeadLetterDesk],
    })
    class TestPlatformModule {}
    @Module({ imports: [TestPlatformModule], controllers: [DeadLettersController, WorkflowsController] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'], abortOnError: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get<DataSource>(getDataSourceToken());
    await ds.query(`CREATE TABLE "${schema}".applied (event_id uuid NOT NULL, seq integer NOT NULL)`);

    // Three events the service's handler fails on, and the same three failing in a foreign group.
    await ensureTopics(kafka, [topic]);
    const logger = createLogger({ service: service.name, process: 'test', level: 'silent' });
    const handler = on(probe, async (event, tx) => {
      if (broken.on) throw new Error(`probe handler broken (seq ${event.data.seq})`);
      await tx.query(`INSERT INTO "${schema}".applied (event_id, seq) VALUES ($1, $2)`, [event.id, event.data.seq]);
    });
    const consumer = (groupId: string) =>
      new InboxConsumer({
        kafka,
        dataSource: ds,
        schema,
        groupId,
        topics: [topic.name],
        handlers: [handler],
        logger,
        retries: 1,
        initialRetryMs: 20,
        fromBeginning: true,
      });
    const own = consumer(scope.groupId);
    const foreign = new InboxConsumer({
      kafka,
      dataSource: ds,
      schema,
      groupId: `it-ops-foreign-${suffix}`,
      topics: [topic.name],
      handlers: [on(probe, () => Promise.reject(new Error('foreign handler broken')))],
      logger,
      retries: 0,
      fromBeginning: true,
    });
    started.push(own, foreign);
    await own.start();
    await foreign.start();
    const family = randomUUID();
    await ds.transaction((tx) =>
      new OutboxWriter(schema, 'calworks').enqueueMany(
        tx,
        probe,
        [1, 2, 3].map((seq) => ({ familyId: family, seq })),
        { countyCode: '06085', correlationId: `it-${suffix}` },
      ),
    );
    const relay = new OutboxRelay({ databaseUrl: stack.DATABASE_URL, schema, kafka, logger, pollIntervalMs: 100 });
    started.push(relay);
    await relay.start();
    const desk = app.get(DeadLetterDesk);
    await waitFor(async () => (await desk.list()).length === 3, {
      what: 'three dead letters of the service’s group',
      timeoutMs: 60_000,
      intervalMs: 500,
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    for (const id of workflowIds)
      await temporal.client.workflow
        .getHandle(id)
        .terminate('test done')
        .catch(() => undefined);
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await ds?.query(`DELETE FROM linkages_ops.dlq_replays WHERE dlq_topic = $1`, [`${topic.name}.dlq`]).catch(() => undefined);
    await app?.close();
    await temporal.connection.close();
  });

  it('documents every operation with its success schema and the problems it raises', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build()) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>;
    };
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path]?.[method]?.responses ?? {}).sort();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/ops/dead-letters',
      '/ops/dead-letters/replay',
      '/ops/dead-letters/{key}',
      '/ops/dead-letters/{key}/replay',
      '/ops/workflows',
    ]);
    expect(statuses('/ops/dead-letters', 'get')).toEqual(['200', '400', '401', '403', '429', '500', '503']);
    expect(statuses('/ops/dead-letters/{key}', 'get')).toEqual(['200', '400', '401', '403', '404', '429', '500', '503']);
    expect(statuses('/ops/dead-letters/{key}/replay', 'post')).toEqual(['200', '400', '401', '403', '404', '409', '429', '500', '503']);
    expect(statuses('/ops/dead-letters/replay', 'post')).toEqual(['200', '400', '401', '403', '413', '415', '429', '500', '503']);
    expect(statuses('/ops/workflows', 'get')).toEqual(['200', '401', '403', '429', '500', '503']);
    expect(JSON.stringify(doc.paths['/ops/dead-letters/{key}/replay'])).toContain('already-replayed');
  });

  it('lists the pending dead letters of its own group only, newest first, without bodies', async () => {
    const list = await items();
    expect(list).toHaveLength(3);
    for (const item of list) {
      expect(item).toEqual({
        key: expect.stringMatching(new RegExp(`^${topic.name.replace(/\./g, '\\.')}\\.dlq/\\d+/\\d+$`)),
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        topic: topic.name,
        deadLetterTopic: `${topic.name}.dlq`,
        partition: expect.any(Number),
        offset: expect.stringMatching(/^\d+$/),
        type: probe.type,
        reason: 'handler-failed',
        failedAt: expect.any(String),
        attempts: 2,
        consumerGroup: scope.groupId,
        replayedAt: null,
      });
    }
    expect([...list].map((i) => i.failedAt)).toEqual(
      [...list]
        .map((i) => i.failedAt)
        .sort()
        .reverse(),
    );
    const detail = await Promise.all(list.map(async (i) => (await call('GET', path(i.key))).body));
    for (const [i, d] of detail.entries()) letters[Number((d['errors'] as string[])[0]?.match(/seq (\d)/)?.[1])] = list[i]!;
    expect(Object.keys(letters).sort()).toEqual(['1', '2', '3']);
    expect(await items('?status=replayed')).toEqual([]);
    expect(await items('?status=all&limit=2')).toHaveLength(2);
    expect(await items(`?topic=linkages.cws.case-events.v1`)).toEqual([]);
    expect(await items(`?topic=${topic.name}`)).toHaveLength(3);
    const bad = await call('GET', '/ops/dead-letters?status=done&limit=0&extra=1');
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['query', 'query.limit', 'query.status']);
  });

  it('shows one letter with its headers, errors and body size, never the body; an unknown key is 404, a malformed one 400', async () => {
    const letter = letters[1]!;
    const res = await call('GET', path(letter.key));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: letter.key, eventId: letter.eventId, reason: 'handler-failed', recordKey: expect.any(String) });
    expect(res.body['headers']).toMatchObject({
      ce_id: letter.eventId,
      ce_type: probe.type,
      'x-dlq-reason': 'handler-failed',
      'x-dlq-consumer-group': scope.groupId,
      'x-dlq-original-topic': topic.name,
    });
    expect(res.body['errors']).toEqual([expect.stringContaining('probe handler broken (seq 1)')]);
    expect(res.body['payloadBytes']).toBeGreaterThan(20);
    expect(res.body['payloadWithheld']).toEqual(expect.stringContaining('personal data'));
    expect(JSON.stringify(res.body)).not.toContain('"seq"');

    const unknown = await call('GET', path(`${topic.name}.dlq/0/999999`));
    expect(unknown).toMatchObject({ status: 404, type: expect.stringContaining('application/problem+json') });
    expect(unknown.body['type']).toContain('not-found');
    expect((await call('GET', path(`linkages.cws.case-events.v1.dlq/0/0`))).status).toBe(404);
    const malformed = await call('GET', path('not a key'));
    expect(malformed.status).toBe(400);
    expect(malformed.body['errors']).toEqual([expect.objectContaining({ field: 'path.key' })]);
  });

  it('refuses every route to a token without the ops permissions (403)', async () => {
    for (const [method, route, body] of [
      ['GET', '/ops/dead-letters', undefined],
      ['GET', path(letters[1]!.key), undefined],
      ['POST', `${path(letters[1]!.key)}/replay`, undefined],
      ['POST', '/ops/dead-letters/replay', { keys: [letters[1]!.key] }],
      ['GET', '/ops/workflows', undefined],
    ] as const) {
      const res = await call(method, route, { user: 'cws-worker', body });
      expect({ route, status: res.status, type: res.body['type'] }).toEqual({
        route,
        status: 403,
        type: expect.stringContaining('forbidden'),
      });
    }
    expect(await applied(1)).toBe(0);
  });

  it('replays one letter after the fix (applied once by the inbox); a second replay is 409 already-replayed', async () => {
    broken.on = false;
    const first = await call('POST', `${path(letters[1]!.key)}/replay`);
    expect(first).toMatchObject({ status: 200, body: { results: [{ key: letters[1]!.key, outcome: 'replayed' }] } });
    await waitFor(async () => (await applied(1)) === 1, { what: 'the replayed event applied', timeoutMs: 30_000 });
    const again = await call('POST', `${path(letters[1]!.key)}/replay`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: expect.stringContaining('already-replayed'), replayedAt: expect.any(String) });
    const missing = await call('POST', `${path(`${topic.name}.dlq/0/999999`)}/replay`);
    expect(missing.status).toBe(404);
  });

  it('replays in bulk with an outcome per key, lists replayed letters apart, and audits each letter by id', async () => {
    const unknown = `${topic.name}.dlq/1/999999`;
    const res = await call('POST', '/ops/dead-letters/replay', {
      body: { keys: [letters[1]!.key, letters[2]!.key, unknown, letters[2]!.key] },
    });
    expect(res).toMatchObject({
      status: 200,
      body: {
        results: [
          { key: letters[1]!.key, outcome: 'already-replayed' },
          { key: letters[2]!.key, outcome: 'replayed' },
          { key: unknown, outcome: 'not-found' },
        ],
      },
    });
    await waitFor(async () => (await applied(2)) === 1, { what: 'the second replayed event applied', timeoutMs: 30_000 });
    expect((await items('?status=replayed')).map((i) => i.key).sort()).toEqual([letters[1]!.key, letters[2]!.key].sort());
    expect((await items('?status=replayed')).every((i) => typeof i.replayedAt === 'string')).toBe(true);
    expect((await items()).map((i) => i.key)).toEqual([letters[3]!.key]);
    expect((await call('POST', '/ops/dead-letters/replay', { body: { keys: [] } })).status).toBe(400);
    expect((await call('POST', '/ops/dead-letters/replay', { body: { keys: [letters[3]!.key], all: true } })).status).toBe(400);
    // Exactly once: the first letter is still applied once after its refused and its bulk re-request.
    expect(await applied(1)).toBe(1);
    expect(await applied(3)).toBe(0);

    const audit = (await ds.query(
      `SELECT record_id, outcome, reason, details FROM "${schema}".audit_log WHERE action = 'replay' AND record_type = 'dead-letter' ORDER BY seq`,
    )) as { record_id: string; outcome: string; reason: string | null; details: Record<string, unknown> }[];
    expect(audit.map((a) => [a.record_id, a.outcome, a.reason])).toEqual([
      [letters[1]!.key, 'allowed', null],
      [letters[1]!.key, 'denied', 'already-replayed'],
      [`${topic.name}.dlq/0/999999`, 'denied', 'not-found'],
      [letters[1]!.key, 'denied', 'already-replayed'],
      [letters[2]!.key, 'allowed', null],
      [unknown, 'denied', 'not-found'],
    ]);
    expect(audit[0]!.details).toEqual({ eventId: letters[1]!.eventId, topic: topic.name });
  });

  it('counts the service’s workflows by status and gives the Temporal UI and search attributes to link with', async () => {
    const before = await call('GET', '/ops/workflows');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      service: service.name,
      taskQueue: service.name,
      namespace: stack.TEMPORAL_NAMESPACE,
      temporalUi: { baseUrl: 'http://127.0.0.1:8233', namespace: stack.TEMPORAL_NAMESPACE },
    });
    expect(Object.keys(before.body['counts'] as object).sort()).toEqual(
      ['Canceled', 'Completed', 'ContinuedAsNew', 'Failed', 'Running', 'Terminated', 'TimedOut'].sort(),
    );
    expect(before.body['searchAttributes']).toEqual(expect.arrayContaining(['FamilyId', 'CaseId', 'CountyCode', 'DeadlineKind']));
    const running = (before.body['counts'] as Record<string, number>)['Running'] ?? 0;
    for (const n of [1, 2]) {
      const id = `${service.name}/ops-probe/${n}`;
      workflowIds.push(id);
      // No worker polls this queue: the executions stay Running until the test terminates them.
      await temporal.client.workflow.start('opsProbeWorkflow', { taskQueue: service.name, workflowId: id, args: [] });
    }
    await waitFor(async () => ((await call('GET', '/ops/workflows')).body['counts'] as Record<string, number>)['Running'] === running + 2, {
      what: 'two more Running workflows',
      intervalMs: 300,
    });
    await temporal.client.workflow.getHandle(workflowIds[0]!).terminate('counted');
    await waitFor(
      async () => {
        const counts = (await call('GET', '/ops/workflows')).body['counts'] as Record<string, number>;
        return counts['Running'] === running + 1 && counts['Terminated'] === 1;
      },
      { what: 'one Running and one Terminated', intervalMs: 300 },
    );
  });

  it('allows ten replay requests a minute per operator; the next one is a 429 problem with Retry-After', async () => {
    // Earlier tests sent six replay requests, still counted unless a minute has passed since: ten more requests see
    // between four and ten answered, then only 429s.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await call('POST', '/ops/dead-letters/replay', { body: { keys: [`${topic.name}.dlq/2/99999${i}`] } })).status);
    const answered = statuses.filter((s) => s === 200).length;
    expect(statuses.join(',')).toMatch(/^(200,)+429(,429)*$/);
    expect(answered).toBeGreaterThanOrEqual(4);
    expect(answered).toBeLessThanOrEqual(10);
    const limited = await fetch(`${base}/ops/dead-letters/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('ops')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [letters[3]!.key] }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reading is not held back by the replay limit, and the limited request replayed nothing.
    expect((await items()).map((i) => i.key)).toEqual([letters[3]!.key]);
  });
});
