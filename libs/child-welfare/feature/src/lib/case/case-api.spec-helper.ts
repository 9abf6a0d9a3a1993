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
import { SERVICE_IDENTITY } from '@linkages/platform-config';
import {
  BLIND_INDEX,
  BlindIndex,
  FIELD_CIPHER,
  FieldCipher,
  MATCH_KEYS,
  MatchKeys,
  PersonalData,
  parseKeyring,
} from '@linkages/platform-crypto';
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
import { LOGGER, createLogger } from '@linkages/platform-logging';
import { createMessagingMigration, outboxWriterProvider } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import { TEMPORAL } from '@linkages/platform-temporal';
import { devToken, stackEnv } from '@linkages/platform-testing';
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
      { provide: SERVICE_IDENTITY, useValue: { name: 'child-welfare', schema } },
      { provide: POLICY_REGISTRY, useValue: new PolicyRegistry(cwsRules) },
      { provide: LOGGER, useValue: createLogger({ service: 'child-welfare', level: 'warn' }) },
      { provide: TEMPORAL, useValue: {} },
      { provide: FIELD_CIPHER, useValue: new FieldCipher(parseKeyring(env.FIELD_ENCRYPTION_KEYS, 'FIELD_ENCRYPTION_KEYS')) },
      { provide: BLIND_INDEX, useValue: BlindIndex.fromBase64(env.BLIND_INDEX_KEY) },
      { provide: MATCH_KEYS, useValue: MatchKeys.fromBase64(env.MATCH_KEY) },
      { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new AuditLog(ds, schema) },
      {
        provide: TOKEN_VERIFIER,
        useValue: createTokenVerifier({
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
          jwksUrl: env.AUTH_JWKS_URL,
          algorithms: ['RS256'],
          clockToleranceSeconds: 30,
        }),
      },
      { provide: APP_GUARD, useClass: AuthGuard },
      PersonalData,
      outboxWriterProvider,
      DeadlineClient,
      DeadlineCommands,
      TrackedDeadlines,
      IdempotencyInterceptor,
    ],
    exports: [
      SERVICE_IDENTITY,
      POLICY_REGISTRY,
      LOGGER,
      TEMPORAL,
      FIELD_CIPHER,
      BLIND_INDEX,
      MATCH_KEYS,
      AUDIT_LOG,
      TOKEN_VERIFIER,
      PersonalData,
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
