import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication, type Type, type ValueProvider } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AUDIT_LOG, AuditLog } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import { ProblemDetailsFilter } from '@linkages/platform-http';
import type { ThrowawaySchema } from '@linkages/platform-persistence-testing';
import { devToken, stackEnv, stackTokenVerifierOptions } from '@linkages/platform-testing';

/** An answer of the app: its status, content type and JSON body. */
export interface HttpAnswer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

/** The last segment of a problem's `type` (its slug). */
export const slug = (r: { body: Record<string, unknown> }) => String(r.body['type']).split('/').pop();

/**
 * A notifications feature module over HTTP, for a describe block: in `beforeAll` the module is mounted with the
 * platform's guard (tokens from the stack's development identity provider), problem+json and the real audit log over
 * the describe's throwaway schema (and the values given, provided and exported by the host), listening on a free port;
 * closed in `afterAll`. Call it in the describe body after `migratedSchema` (and after any `beforeAll` that must run
 * before the app starts).
 */
export function notificationsHttp(db: ThrowawaySchema, feature: Type, values: ValueProvider[] = []) {
  const stack = stackEnv();
  let app: INestApplication | undefined;
  let base = '';
  const tokens = new Map<string, string>();
  /** The authorization header of a demo user (a token fetched once per user). */
  const auth = async (user: string) => {
    const token = tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user);
    return { authorization: `Bearer ${token ?? ''}` };
  };

  beforeAll(async () => {
    @Global()
    @Module({
      providers: [
        { provide: getDataSourceToken(), useFactory: () => db.ds },
        { provide: AUDIT_LOG, useFactory: () => new AuditLog(db.ds, db.schema) },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(stack)) },
        { provide: APP_GUARD, useClass: AuthGuard },
        ...values,
      ],
      exports: [getDataSourceToken(), AUDIT_LOG, TOKEN_VERIFIER, ...values.map((v) => v.provide)],
    })
    class HostModule {}
    @Module({ imports: [HostModule, feature] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'], abortOnError: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  return {
    /** The running app (after `beforeAll`). */
    get app(): INestApplication {
      if (!app) throw new Error('The app is not started');
      return app;
    },
    /** Its address, `http://127.0.0.1:<port>` (after `beforeAll`). */
    get base() {
      return base;
    },
    auth,
    /** A request as the demo user (none: no token), with a JSON body when given. */
    call: async (method: 'GET' | 'POST' | 'PUT', path: string, user?: string, body?: unknown): Promise<HttpAnswer> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(user ? await auth(user) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
    },
  };
}
