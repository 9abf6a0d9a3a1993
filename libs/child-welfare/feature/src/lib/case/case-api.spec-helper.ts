import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { cwsRules } from '@linkages/child-welfare-domain';
import {
  AddCasePlanFrRecommendations1769100000000,
  AddFrServicesGoodCause1769200000000,
  CreateChildWelfareTables1769000000000,
  cwsEntities,
} from '@linkages/child-welfare-data-access';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import {
  DeadlineClient,
  DeadlineCommands,
  POLICY_REGISTRY,
  TrackedDeadlineEntity,
  TrackedDeadlines,
  deadlineTrackingMigrations,
} from '@linkages/platform-deadline-tracking';
import { IdempotencyInterceptor, ProblemDetailsFilter, createIdempotencyMigration } from '@linkages/platform-http';
import { createMessagingMigration, outboxWriterProvider } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL } from '@linkages/platform-temporal';
import { devToken, stackEnv, stackTokenVerifierOptions, testPlatformExports, testPlatformProviders } from '@linkages/platform-testing';
import { ChildWelfareApiModule } from '../child-welfare.module';

const schema = 'child_welfare';

/**
 * The child-welfare API (its real controllers, use cases, guards, idempotency and problem+json) over HTTP, against a
 * throwaway PostgreSQL database on the stack's server, migrated as apps/child-welfare/src/persistence.ts lists the
 * migrations. Tokens come from the stack's development identity provider. The platform providers are wired here by
 * hand (a feature's test may not import the composition root): no Kafka (events stay in the outbox, where the test
 * reads them) and no Temporal (a clock is its tracked row and deadline command).
 */
export async function startCaseApi() {
  const env = stackEnv();
  const name = `linkages_it_cws_case_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const options = createDataSourceOptions(
    url.toString(),
    {
      schema,
      entities: [TrackedDeadlineEntity, ...cwsEntities],
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        CreateChildWelfareTables1769000000000,
        AddCasePlanFrRecommendations1769100000000,
        AddFrServicesGoodCause1769200000000,
      ],
    },
    'it-cws-case',
  );
  await migrateUp(options);

  @Global()
  @Module({
    imports: [TypeOrmModule.forRoot(options)],
    providers: [
      ...testPlatformProviders({ identity: { name: 'child-welfare', schema }, log: { level: 'warn' }, env }),
      { provide: POLICY_REGISTRY, useValue: new PolicyRegistry(cwsRules) },
      { provide: TEMPORAL, useValue: {} },
      { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new AuditLog(ds, schema) },
      { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(env)) },
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

  @Module({ imports: [TestPlatformModule, ChildWelfareApiModule] })
  class TestApiModule {}

  const app: INestApplication = await NestFactory.create(TestApiModule, { logger: ['error'], abortOnError: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const tokens = new Map<string, string>();
  const token = async (user: string) => tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user)!;

  /** A POST as the demo user, with an Idempotency-Key (a fresh one unless given). */
  const post = async (path: string, body: unknown, { user = 'cws-worker', key = randomBytes(12).toString('hex') } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const query = <T>(sql: string, params: unknown[] = []) => dataSource.query(sql, params) as Promise<T[]>;

  const stop = async () => {
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  return { base, dataSource, post, query, stop };
}
