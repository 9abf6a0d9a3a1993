import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { AuditLog } from '@linkages/platform-audit';
import { Requires, TOKEN_VERIFIER, type TokenVerifier } from '@linkages/platform-auth';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { devToken } from '@linkages/platform-testing';
import { platformApi, type PlatformApiAnswer } from './platform-api.spec-helper';
import { PlatformModule } from './platform.module';
import { platformMigrations } from './platform-migrations';
import type { ServiceDescriptor } from './service-descriptor';

// Issue 17: refused calls were never rate-limited and each wrote an audit row (the auth guard ran before the
// throttler), so anyone who could reach an API could grow its audit log without bound. The platform's guards in a
// real Nest application (as bootstrapApi builds it) against the stack's PostgreSQL and identity provider, in a
// throwaway schema: 300 calls without a token, 300 with a bad token (each from its own loopback address) and 300
// lacking the permission get their budget of 401/403 and then 429 with Retry-After; the audit log grows by a row or
// two per client and kind of refusal; after shutdown, the rows account for every refused call.
@Controller('probe')
class ProbeController {
  @Get('guarded')
  @Requires('referral.read')
  guarded(): string {
    return 'ok';
  }
}

const budget = 20;
const sent = 300;
const route = 'GET /probe/guarded';

interface RefusalRow {
  actor_subject: string;
  reason: string;
  correlation_id: string | null;
  details: { count?: number; throttled?: number | boolean; firstAt?: string; lastAt?: string } | null;
}

describe('refused calls: a budget per client before any token is verified, and one audit row per repeat (issue 17)', () => {
  const db = migratedSchema({ name: 'it-refusals', entities: [], migrations: platformMigrations });
  const descriptor: ServiceDescriptor = {
    name: 'referrals',
    title: 'Refusal probe',
    description: 'Test application',
    port: 39_003,
    workerHealthPort: 39_103,
    persistence: { schema: db.schema, entities: [], migrations: [] },
    rules: new PolicyRegistry([]),
  };
  @Module({ imports: [PlatformModule.forApi(descriptor)], controllers: [ProbeController] })
  class ProbeModule {}
  const api = platformApi(ProbeModule, { AUTH_REFUSALS_PER_MINUTE: String(budget), RATE_LIMIT_PER_MINUTE: '10000' });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** `sent` calls one after the other, as one client. */
  const flood = async (o: { from: string; headers?: Record<string, string> }) => {
    const answers: PlatformApiAnswer[] = [];
    for (let i = 0; i < sent; i++) answers.push(await api.request('/probe/guarded', o));
    return answers;
  };
  const rows = async (): Promise<RefusalRow[]> =>
    (await db.ds.query(
      `SELECT actor_subject, reason, correlation_id, details FROM ${db.s}.audit_log WHERE record_id = $1 AND outcome = 'denied' ORDER BY seq`,
      [route],
    )) as RefusalRow[];
  /** The refused calls rows stand for: an aggregate its count, any other row one. */
  const accounted = (list: RefusalRow[]) => list.reduce((sum, r) => sum + (typeof r.details?.count === 'number' ? r.details.count : 1), 0);
  const throttled = (list: RefusalRow[]) =>
    list.reduce((sum, r) => sum + (typeof r.details?.throttled === 'number' ? r.details.throttled : r.details?.throttled ? 1 : 0), 0);

  /** Every answer beyond the budget: a plain 429 problem+json with Retry-After, no WWW-Authenticate. */
  const expectThrottled = (answers: PlatformApiAnswer[]) => {
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 429));
    for (const a of [answers[0]!, answers[answers.length - 1]!]) {
      expect(a.headers['content-type']).toContain('application/problem+json');
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(a.headers['www-authenticate']).toBeUndefined();
      expect(a.headers['x-correlation-id']).toBeTruthy();
      expect(JSON.parse(a.text)).toEqual({
        type: 'https://linkages.example.org/problems/too-many-requests',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Too many requests',
        instance: '/probe/guarded',
      });
    }
  };

  it('answers the budget of calls without a token with 401, then 429; other addresses and valid tokens from it are not limited', async () => {
    const answers = await flood({ from: '127.0.0.2' });
    expect(answers.slice(0, budget).map((a) => a.status)).toEqual(answers.slice(0, budget).map(() => 401));
    expect(answers[0]!.headers['www-authenticate']).toBe('Bearer realm="linkages"');
    expect(JSON.parse(answers[0]!.text)).toMatchObject({ type: 'https://linkages.example.org/problems/unauthenticated', status: 401 });
    expectThrottled(answers.slice(budget));

    // The first refusal is written at once, with its correlation id; the 299 repeats wait for their aggregate.
    const written = (await rows()).filter((r) => r.reason === 'no bearer token');
    expect(written).toEqual([
      { actor_subject: 'anonymous', reason: 'no bearer token', correlation_id: answers[0]!.headers['x-correlation-id'], details: null },
    ]);
    // Another address has its own budget; a valid token from the throttled address is verified and served.
    expect((await api.request('/probe/guarded', { from: '127.0.0.3' })).status).toBe(401);
    const valid = await api.request('/probe/guarded', { from: '127.0.0.2', headers: bearer(await devToken('cws-worker')) });
    expect({ status: valid.status, text: valid.text }).toEqual({ status: 200, text: 'ok' });
  });

  it('answers the budget of calls with a bad token with 401, then 429 without verifying the same token again', async () => {
    const [header, payload, signature] = (await devToken('cws-worker')).split('.');
    const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const verifier = api.app.get<TokenVerifier>(TOKEN_VERIFIER);
    const verify = jest.spyOn(verifier, 'verify');
    try {
      const answers = await flood({ from: '127.0.0.4', headers: bearer(forged) });
      expect(answers.slice(0, budget).map((a) => a.status)).toEqual(answers.slice(0, budget).map(() => 401));
      expect(answers[0]!.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(JSON.parse(answers[0]!.text)).toMatchObject({ type: 'https://linkages.example.org/problems/invalid-token', status: 401 });
      expectThrottled(answers.slice(budget));
      expect(verify.mock.calls.filter(([token]) => token === forged)).toHaveLength(budget);

      const valid = await api.request('/probe/guarded', { from: '127.0.0.4', headers: bearer(await devToken('calworks-worker')) });
      expect(valid.status).toBe(200);
    } finally {
      verify.mockRestore();
    }
    expect((await rows()).filter((r) => r.reason === 'token refused: bad-signature')).toHaveLength(1);
  });

  it('answers the budget of calls lacking the permission with 403, then 429, per user whatever the address', async () => {
    const ops = bearer(await devToken('ops'));
    const answers = await flood({ from: '127.0.0.5', headers: ops });
    expect(answers.slice(0, budget).map((a) => a.status)).toEqual(answers.slice(0, budget).map(() => 403));
    expect(JSON.parse(answers[0]!.text)).toMatchObject({
      type: 'https://linkages.example.org/problems/forbidden',
      permission: 'referral.read',
    });
    expectThrottled(answers.slice(budget));
    // The budget is the user's: from another address too; another user lacking the permission still gets 403.
    expect((await api.request('/probe/guarded', { from: '127.0.0.6', headers: ops })).status).toBe(429);
    expect((await api.request('/probe/guarded', { from: '127.0.0.5', headers: bearer(await devToken('admin')) })).status).toBe(403);
  });

  it('grows the audit log by a row or two per client and kind of refusal, and after shutdown accounts for every refused call', async () => {
    // Keys: no token from .2 and .3, the bad token from .4, ops (from .5 and .6) and admin lacking the permission.
    const keys = 5;
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(keys);
    expect(before.length).toBeLessThanOrEqual(2 * keys);

    await api.close();
    const after = await rows();
    expect(after.length).toBeLessThanOrEqual(2 * keys);
    const of = (reason: string, subject = 'anonymous') => after.filter((r) => r.reason === reason && r.actor_subject === subject);
    const noToken = of('no bearer token');
    expect(accounted(noToken)).toBe(sent + 1);
    expect(throttled(noToken)).toBe(sent - budget);
    const badToken = of('token refused: bad-signature');
    expect(accounted(badToken)).toBe(sent);
    expect(throttled(badToken)).toBe(sent - budget);
    const lacking = after.filter((r) => r.reason === 'lacks permission referral.read');
    expect(accounted(lacking)).toBe(sent + 2);
    expect(throttled(lacking)).toBe(sent - budget + 1);
    expect(accounted(after)).toBe(3 * sent + 3);

    // Each flood: its first refusal, then one aggregate of the 299 repeats (280 of them answered 429).
    const aggregate = badToken.find((r) => r.details?.count !== undefined);
    expect(aggregate).toEqual({
      actor_subject: 'anonymous',
      reason: 'token refused: bad-signature',
      correlation_id: null,
      details: { count: sent - 1, throttled: sent - budget, firstAt: expect.any(String), lastAt: expect.any(String) },
    });
    expect(Date.parse(aggregate!.details!.firstAt!)).toBeLessThanOrEqual(Date.parse(aggregate!.details!.lastAt!));
    // The aggregates are links of the hash chain like any other row.
    expect(await new AuditLog(db.ds, db.schema).verify()).toMatchObject({ ok: true });
  });
});
