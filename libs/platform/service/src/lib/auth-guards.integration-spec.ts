import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { Requires } from '@linkages/platform-auth';
import { devToken } from '@linkages/platform-testing';
import { platformApi } from './platform-api.spec-helper';
import { PlatformModule } from './platform.module';
import { PolicyRegistry } from '@linkages/platform-deadlines';
import type { ServiceDescriptor } from './service-descriptor';

// The platform's guards in a real Nest application (as bootstrapApi builds it) against the real stack: a route that
// declares no policy is closed, and the rate limit counts per user.
@Controller('probe')
class ProbeController {
  @Get('forgotten')
  forgotten(): string {
    return 'this route declares no policy';
  }

  @Get('guarded')
  @Requires('referral.read')
  guarded(): string {
    return 'ok';
  }
}

const descriptor: ServiceDescriptor = {
  name: 'referrals',
  title: 'Guard probe',
  description: 'Test application',
  port: 39_001,
  workerHealthPort: 39_101,
  persistence: { schema: 'referrals', entities: [], migrations: [] },
  rules: new PolicyRegistry([]),
};

@Module({ imports: [PlatformModule.forApi(descriptor)], controllers: [ProbeController] })
class ProbeModule {}

describe('platform guards', () => {
  const api = platformApi(ProbeModule, { RATE_LIMIT_PER_MINUTE: '5' });
  let base: string;

  beforeAll(() => {
    base = api.base;
  });

  it('closes a route that declares no policy, even to an authenticated user (deny by default)', async () => {
    const res = await fetch(`${base}/probe/forgotten`, { headers: { authorization: `Bearer ${await devToken('admin')}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ type: expect.stringContaining('no-route-policy') });
  });

  it('limits requests per user, not per route or address: the sixth in a minute gets a plain 429 with Retry-After', async () => {
    const worker = await devToken('cws-worker');
    const other = await devToken('calworks-worker');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await fetch(`${base}/probe/guarded`, { headers: { authorization: `Bearer ${worker}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await fetch(`${base}/probe/guarded`, { headers: { authorization: `Bearer ${worker}` } });
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-correlation-id')).toBeTruthy();
    // Plain words: no library class (ThrottlerException) in the answer.
    const text = await limited.text();
    expect(JSON.parse(text)).toEqual({
      type: 'https://linkages.example.org/problems/too-many-requests',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests',
      instance: '/probe/guarded',
    });
    expect(text).not.toMatch(/Throttler|Exception/);
    expect((await fetch(`${base}/probe/guarded`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    // Probes are never limited.
    for (let i = 0; i < 8; i++) expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
