import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import {
  DeadlineClient,
  DeadlineCommands,
  POLICY_REGISTRY,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { IdempotencyInterceptor, ProblemDetailsFilter, createIdempotencyMigration } from '@linkages/platform-http';
import { createMessagingMigration, outboxWriterProvider } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL } from '@linkages/platform-temporal';
import {
  createTimeSkippingEnv,
  devToken,
  stackEnv,
  stackTokenVerifierOptions,
  testPlatformExports,
  testPlatformProviders,
  uniqueSuffix,
} from '@linkages/platform-testing';
import { referralsEntities, referralsMigrations } from '@linkages/referrals-data-access';
import { COUNTY_ZONE, linkagesRules } from '@linkages/referrals-domain';
import { ReferralsApiModule } from '../referrals.module';

// Issue 17 over HTTP (the referrals API's referral and shared-family authority routes, guards, idempotency and
// problem+json, tokens of the development identity provider) on the real PostgreSQL, in a throwaway schema migrated
// as the service migrates `referrals`; the authorities' processes start in the time-skipping server (no worker: the
// spec looks at what the API writes). A consent signed in the future, or valid for a thousand years, is refused with
// a 400 naming the field and its bound, and nothing is written; revoking an authority that is not on the referral
// addressed is a 404 and is audited, as is a second revocation (409).
describe('consent bounds and refused revocations (HTTP, real PostgreSQL)', () => {
  const stack = stackEnv();
  const schema = `it_authority_${uniqueSuffix()}`;
  const options = createDataSourceOptions(
    stack.DATABASE_URL,
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
    'it-authority-api',
  );
  let env: TestWorkflowEnvironment;
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  const tokens = new Map<string, string>();
  const call = async (method: 'GET' | 'POST', path: string, user: string, body?: unknown) => {
    const token = tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user);
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': randomBytes(12).toString('hex') } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };
  const query = <T>(sql: string, params: unknown[] = []) => ds.query(sql, params) as Promise<T[]>;
  const audits = (where: string, params: unknown[]) =>
    query<{ action: string; record_id: string; outcome: string; reason: string | null; details: Record<string, unknown> | null }>(
      `SELECT action, record_id, outcome, reason, details FROM "${schema}".audit_log WHERE ${where} ORDER BY seq`,
      params,
    );
  const authorityRows = () => query<{ id: string; revoked_at: Date | null }>(`SELECT id, revoked_at FROM "${schema}".sharing_authorities`);

  const today = () => DateTime.now().setZone(COUNTY_ZONE).startOf('day');
  const consent = (signedOn: DateTime, expiresOn: DateTime) => ({
    kind: 'consent',
    signedOn: signedOn.toISODate(),
    expiresOn: expiresOn.toISODate(),
    categories: ['identity', 'detail'],
    reference: `SCD 1029 #it-${randomBytes(3).toString('hex')}`,
  });
  const refer = async (lastName: string, dateOfBirth: string, ssn: string) => {
    const res = await call('POST', '/referrals', 'cws-worker', {
      caseType: 'ER',
      cwsCaseNumber: `CWS-IT-${randomBytes(3).toString('hex')}`,
      members: [{ role: 'parent', firstName: 'Alma', lastName, dateOfBirth, ssn }],
    });
    expect(res.status).toBe(201);
    return { id: res.body['id'] as string, familyId: res.body['familyId'] as string };
  };
  let first: { id: string; familyId: string };
  let second: { id: string; familyId: string };

  beforeAll(async () => {
    await migrateUp(options);
    env = await createTimeSkippingEnv();
    const temporal = { connection: env.connection, client: env.client };
    const identity = { name: 'referrals', schema };
    @Global()
    @Module({
      imports: [TypeOrmModule.forRoot(options)],
      providers: [
        ...testPlatformProviders({ identity, log: { process: 'test', level: 'error' }, env: stack }),
        { provide: POLICY_REGISTRY, useValue: new PolicyRegistry(linkagesRules) },
        { provide: TEMPORAL, useValue: temporal },
        { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (d: DataSource) => new AuditLog(d, schema) },
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
    @Module({ imports: [TestPlatformModule, ReferralsApiModule] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'], abortOnError: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get<DataSource>(getDataSourceToken());
    first = await refer('Quintero-Bell', '1991-04-12', '523-41-7788');
    second = await refer('Abernathy-Soto', '1984-09-30', '611-52-3344');
    expect(second.familyId).not.toBe(first.familyId);
  }, 120_000);

  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await app?.close();
    await env?.teardown();
  });

  it.each([
    ['signed tomorrow', () => consent(today().plus({ days: 1 }), today().plus({ months: 6 })), 'body.signedOn', /must not be after today/],
    ['signed next year', () => consent(today().plus({ years: 1 }), today().plus({ years: 1, months: 6 })), 'body.signedOn', /after today/],
    ['valid for a thousand years', () => consent(today(), today().plus({ years: 1000 })), 'body.expiresOn', /at most 12 months after/],
    ['valid for fifty years', () => consent(today(), today().plus({ years: 50 })), 'body.expiresOn', /at most 12 months after signedOn/],
    ['valid 12 months and a day', () => consent(today(), today().plus({ months: 12, days: 1 })), 'body.expiresOn', /at most 12 months/],
  ])('refuses a consent %s with a 400 problem naming the field and its bound, and writes nothing', async (_, body, field, message) => {
    for (const path of [`/referrals/${first.id}/consents`, `/shared-families/${first.familyId}/consents`]) {
      const res = await call('POST', path, 'cws-worker', body());
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body['type']).toEqual(expect.stringContaining('validation'));
      expect(res.body['errors']).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
      expect(JSON.stringify(res.body)).not.toMatch(/stack|at \w+ \(/);
    }
    expect(await authorityRows()).toEqual([]);
    expect(await audits(`record_type = 'sharing-authority'`, [])).toEqual([]);
    expect(await query(`SELECT 1 FROM "${schema}".outbox WHERE event_type LIKE '%sharing-authority%'`)).toEqual([]);
    // CalWORKs still sees the WIC 10850 minimum only.
    const read = await call('GET', `/referrals/${first.id}`, 'calworks-worker');
    expect(read.status).toBe(200);
    expect(read.body['disclosure']).toMatchObject({ basis: 'wic-10850', authorityIds: [] });
  });

  it('records a consent signed today and valid for the full 12 months (the default maximum term, unconfirmed)', async () => {
    const res = await call('POST', `/referrals/${first.id}/consents`, 'cws-worker', consent(today(), today().plus({ months: 12 })));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ referralId: first.id, kind: 'consent', active: true });
    const read = await call('GET', `/referrals/${first.id}`, 'calworks-worker');
    expect(read.body['disclosure']).toMatchObject({ basis: 'consent', authorityIds: [res.body['id']] });
  });

  it('audits the refused revocation of an authority that is not on the referral addressed (404), and changes nothing', async () => {
    const [recorded] = await authorityRows();
    const authorityId = recorded!.id;
    const res = await call('POST', `/referrals/${second.id}/authorities/${authorityId}/revoke`, 'cws-supervisor', {
      reason: 'wrong family',
    });
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    const unknown = randomUUID();
    const onFamily = await call('POST', `/shared-families/${second.familyId}/authorities/${unknown}/revoke`, 'cws-supervisor', {
      reason: 'no such authority',
    });
    expect(onFamily.status).toBe(404);

    expect(await audits(`record_type = 'sharing-authority' AND outcome = 'denied'`, [])).toEqual([
      {
        action: 'update',
        record_id: authorityId,
        outcome: 'denied',
        reason: 'not on the referral addressed',
        details: { referralId: second.id, refusal: 'not-found' },
      },
      {
        action: 'update',
        record_id: unknown,
        outcome: 'denied',
        reason: 'not on the shared family addressed',
        details: { familyId: second.familyId, refusal: 'not-found' },
      },
    ]);
    expect(await authorityRows()).toEqual([{ id: authorityId, revoked_at: null }]);
    expect(await query(`SELECT 1 FROM "${schema}".outbox WHERE event_type LIKE '%sharing-authority-ended%'`)).toEqual([]);

    // On its own referral it is revoked; a second revocation is a 409, audited too.
    expect(
      (await call('POST', `/referrals/${first.id}/authorities/${authorityId}/revoke`, 'cws-supervisor', { reason: 'withdrawn' })).status,
    ).toBe(200);
    const again = await call('POST', `/referrals/${first.id}/authorities/${authorityId}/revoke`, 'cws-supervisor', { reason: 'again' });
    expect(again.status).toBe(409);
    expect((await audits(`record_type = 'sharing-authority' AND record_id = $1`, [authorityId])).map((a) => [a.outcome, a.reason])).toEqual(
      [
        ['allowed', null], // recorded
        ['denied', 'not on the referral addressed'],
        ['allowed', null], // revoked
        ['denied', 'already-revoked'],
      ],
    );
  });
});
