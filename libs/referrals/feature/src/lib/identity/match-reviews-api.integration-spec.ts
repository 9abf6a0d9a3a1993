import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { AuthGuard, TOKEN_VERIFIER, createTokenVerifier } from '@linkages/platform-auth';
import { IdempotencyInterceptor, ProblemDetailsFilter, createIdempotencyMigration } from '@linkages/platform-http';
import { createMessagingMigration, outboxWriterProvider } from '@linkages/platform-messaging';
import { createDataSourceOptions, migrateUp } from '@linkages/platform-persistence';
import {
  demoUsers,
  devToken,
  stackEnv,
  stackTokenVerifierOptions,
  testPlatformExports,
  testPlatformProviders,
  uniqueSuffix,
} from '@linkages/platform-testing';
import { createLinkagesIdentityMigration, createLinkagesMatchingIndexesMigration, identityEntities } from '@linkages/referrals-data-access';
import { LinkagesIdentityModule } from './linkages-identity.module';

// GET /match-reviews over HTTP (the identity module's controller, guards and problem+json) on a throwaway schema:
// paging with the cursor, the filters, the defaults, and bad parameters refused with a 400 problem naming them.
describe('GET /match-reviews (paging, filters, problems)', () => {
  const schema = `it_reviews_${uniqueSuffix()}`;
  const stack = stackEnv();
  const liaison = demoUsers().find((u) => u.username === 'liaison');
  const county = liaison?.county ?? '';
  const options = createDataSourceOptions(
    stack.DATABASE_URL,
    {
      schema,
      entities: identityEntities,
      migrations: [
        createMessagingMigration(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        createLinkagesIdentityMigration(schema),
        createLinkagesMatchingIndexesMigration(schema),
      ],
    },
    'it-match-reviews-api',
  );
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  const tokens = new Map<string, string>();
  const get = async (path: string, user = 'liaison') => {
    const token = tokens.get(user) ?? tokens.set(user, await devToken(user)).get(user);
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  };
  type Page = { reviews: { reviewId: string; kind: string; status: string; openedAt: string }[]; nextCursor: string | null };
  const reviewIds: { id: string; kind: string; status: string }[] = [];

  beforeAll(async () => {
    expect(county).toMatch(/^06\d{3}$/);
    await migrateUp(options);
    @Global()
    @Module({
      imports: [TypeOrmModule.forRoot(options)],
      providers: [
        ...testPlatformProviders({ identity: { name: 'referrals', schema }, log: { process: 'test', level: 'error' }, env: stack }),
        { provide: AUDIT_LOG, inject: [getDataSourceToken()], useFactory: (d: DataSource) => new AuditLog(d, schema) },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(stackTokenVerifierOptions(stack)) },
        { provide: APP_GUARD, useClass: AuthGuard },
        outboxWriterProvider,
        IdempotencyInterceptor,
      ],
      exports: [...testPlatformExports, AUDIT_LOG, TOKEN_VERIFIER, outboxWriterProvider.provide, IdempotencyInterceptor],
    })
    class TestPlatformModule {}
    @Module({ imports: [TestPlatformModule, LinkagesIdentityModule] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: ['error'], abortOnError: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    ds = app.get<DataSource>(getDataSourceToken());

    // 23 reviews in the caller's county (one the same microsecond as another: the id breaks the tie), one elsewhere.
    const person = async (countyCode: string) => {
      const id = randomUUID();
      await ds.query(
        `INSERT INTO "${schema}".person_records (id, county_code, agency, ref_kind, ref_id, family_ref_kind, family_ref_id, role, age_band, keys, updated_at)
         VALUES ($1, $2, 'cws', 'cws-person', $3, 'cws-family', $4, 'parent', '20-plus', '{}'::jsonb, now())`,
        [id, countyCode, randomUUID(), randomUUID()],
      );
      return id;
    };
    const evidence = {
      levels: { ssn: 'differ', dob: 'exact', first: 'exact', last: 'exact', role: 'compatible' },
      partialWeights: {},
      priorWeight: -10,
      weight: 4,
      probability: 0.95,
      guards: ['ssn-conflict'],
      modelVersion: 'test',
    };
    const review = async (countyCode: string, kind: string, status: string, openedAt: string) => {
      const id = randomUUID();
      await ds.query(
        `INSERT INTO "${schema}".match_reviews (id, county_code, a_id, b_id, kind, probability, evidence, status, opened_at)
         VALUES ($1, $2, $3, $4, $5, 0.95, $6, $7, $8)`,
        [id, countyCode, await person(countyCode), await person(countyCode), kind, JSON.stringify(evidence), status, openedAt],
      );
      return id;
    };
    for (let i = 0; i < 23; i++) {
      const kind = i % 3 === 0 ? 'cross-agency' : 'duplicate';
      const status = i % 7 === 6 ? 'rejected' : 'open';
      const at = `2026-11-${String(1 + Math.floor(i / 2)).padStart(2, '0')}T10:00:00.123456Z`;
      reviewIds.push({ id: await review(county, kind, status, at), kind, status });
    }
    await review(county === '06001' ? '06085' : '06001', 'duplicate', 'open', '2026-10-01T00:00:00Z');
  }, 60_000);
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await app?.close();
  });

  const expected = (filter: (r: { kind: string; status: string }) => boolean) =>
    ds
      .query(`SELECT id FROM "${schema}".match_reviews WHERE county_code = $1 ORDER BY opened_at, id`, [county])
      .then((rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => filter(reviewIds.find((x) => x.id === id)!)));
  const walk = async (query: string) => {
    const seen: string[] = [];
    let path = `/match-reviews?${query}`;
    for (let n = 0; n < 50; n++) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const page = res.body as unknown as Page;
      seen.push(...page.reviews.map((r) => r.reviewId));
      if (!page.nextCursor) return seen;
      path = `/match-reviews?${query}&after=${encodeURIComponent(page.nextCursor)}`;
    }
    throw new Error('the cursor never ended');
  };

  it('defaults: open reviews of both kinds, oldest first, 50 a page, no next page', async () => {
    const res = await get('/match-reviews');
    expect(res.status).toBe(200);
    const page = res.body as unknown as Page;
    expect(page.reviews.map((r) => r.reviewId)).toEqual(await expected((r) => r.status === 'open'));
    expect(page.nextCursor).toBeNull();
  });

  it('pages with limit and after: every review once, in order, whatever the page size', async () => {
    const open = await expected((r) => r.status === 'open');
    expect(open.length).toBeGreaterThan(10);
    for (const limit of [1, 4, 7]) expect(await walk(`limit=${limit}`)).toEqual(open);
    const first = (await get('/match-reviews?limit=4')).body as unknown as Page;
    expect(first.reviews).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('filters by kind and status', async () => {
    expect(await walk('limit=3&kind=duplicate')).toEqual(await expected((r) => r.status === 'open' && r.kind === 'duplicate'));
    expect(await walk('limit=2&kind=cross-agency&status=rejected')).toEqual(
      await expected((r) => r.status === 'rejected' && r.kind === 'cross-agency'),
    );
    expect(await walk('status=rejected')).toEqual(await expected((r) => r.status === 'rejected'));
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['limit=2.5', 'query.limit'],
    ['kind=twins', 'query.kind'],
    ['status=closed', 'query.status'],
    ['after=not-a-cursor', 'query.after'],
    [`after=${Buffer.from('12.x').toString('base64url')}`, 'query.after'],
    ['page=2', 'query'],
  ])('refuses %s with a 400 problem naming %s', async (query, field) => {
    const res = await get(`/match-reviews?${query}`);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    const errors = (res.body['errors'] ?? []) as { field: string }[];
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it('is the caller’s county only, and needs the match-review permission', async () => {
    const all = await walk('status=open&limit=100');
    expect(all).toEqual(await expected((r) => r.status === 'open'));
    expect((await get('/match-reviews', 'calworks-worker')).status).toBe(403);
  });
});
