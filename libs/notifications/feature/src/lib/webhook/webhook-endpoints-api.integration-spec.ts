import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Global, Injectable, Module, type CanActivate, type ExecutionContext, type HttpException } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { AUDIT_LOG, AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { SERVICE_CONFIG } from '@linkages/platform-config';
import { FIELD_CIPHER, FieldCipher, parseKeyring } from '@linkages/platform-crypto';
import { ProblemDetailsFilter } from '@linkages/platform-http';
import type { Principal } from '@linkages/platform-access';
import {
  WebhookDeliveryQueue,
  WebhookEndpointEntity,
  WebhookEndpointRepository,
  deliveryEntities,
  deliveryMigrations,
  webhookEntities,
  webhookMigrations,
} from '@linkages/notifications-data-access';
import { DisableWebhookEndpointCommand } from './disable-webhook-endpoint.command';
import { EnableWebhookEndpointCommand } from './enable-webhook-endpoint.command';
import { ListWebhookEndpointsQuery } from './list-webhook-endpoints.query';
import { NotificationsWebhookModule } from './notifications-webhook.module';
import { RegisterWebhookEndpointCommand } from './register-webhook-endpoint.command';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

const cwsAdmin: Principal = { subject: 'demo:cws-admin', roles: ['admin'], agency: 'cws', county: '06085' };
const platformAdmin: Principal = { subject: 'demo:admin', roles: ['admin'], agency: 'platform', county: '06085' };
const laAdmin: Principal = { subject: 'demo:la-admin', roles: ['admin'], agency: 'cws', county: '06037' };
const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const statusOf = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as HttpException | undefined
  )?.getStatus();

// The endpoint API's use cases on the real PostgreSQL (with the real audit log), then the module over HTTP for the
// problem+json of bad registrations: each refusal changes nothing and is not audited as a write.
describe('webhook endpoints API (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-notifications-webhook-api',
    entities: [...deliveryEntities, ...webhookEntities],
    migrations: (s) => [createAuditMigration(s), ...deliveryMigrations(s), ...webhookMigrations(s)],
  });
  const cipher = new FieldCipher(parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'KEYS'));
  const repo = new WebhookEndpointRepository(cipher);
  let audit: AuditLog;
  const prod = { NODE_ENV: 'production' as const };
  const ctx = (principal: Principal) => ({ principal, correlationId: `it-${principal.subject}` });
  const count = () => db.ds.getRepository(WebhookEndpointEntity).count();
  const auditCount = async () => ((await db.ds.query(`SELECT count(*)::int AS n FROM "${db.schema}".audit_log`)) as { n: number }[])[0]!.n;

  beforeAll(() => {
    audit = new AuditLog(db.ds, db.schema);
  });

  it('registers (secret shown once, stored encrypted), lists without secrets, rotates, disables and enables, each audited', async () => {
    const register = new RegisterWebhookEndpointCommand(db.ds, repo, audit, prod);
    const own = secret();
    const created = await register.execute(ctx(cwsAdmin), {
      url: 'https://hooks.example.org/linkages?token=abc',
      eventTypes: ['escalation.raised'],
      secret: own,
    });
    expect(created).toMatchObject({ agency: 'cws', countyCode: '06085', enabled: true, secret: own, previousSecretExpiresAt: null });
    const generated = await register.execute(ctx(platformAdmin), {
      url: 'https://hooks.example.org/b',
      eventTypes: ['deadline.reminder'],
      agency: 'calworks',
    });
    expect(generated.secret).toMatch(/^whsec_/);
    expect(() => new Webhook(generated.secret)).not.toThrow();
    const stored = JSON.stringify(await db.ds.query(`SELECT * FROM "${db.schema}".webhook_endpoints`));
    expect(stored).not.toContain(own);
    expect(stored).not.toContain(generated.secret);

    const list = new ListWebhookEndpointsQuery(db.ds, repo);
    const mine = await list.execute(cwsAdmin);
    expect(mine.endpoints.map((e) => e.endpointId)).toEqual([created.endpointId]);
    expect(JSON.stringify(mine)).not.toContain('whsec_');
    expect((await list.execute(platformAdmin)).endpoints).toHaveLength(2);
    expect((await list.execute(laAdmin)).endpoints).toEqual([]);

    const rotate = new RotateWebhookSecretCommand(db.ds, repo, audit);
    const now = new Date();
    const rotated = await rotate.execute(ctx(cwsAdmin), created.endpointId, {}, now);
    expect(rotated.secret).not.toBe(own);
    expect(rotated.previousSecretExpiresAt).toBe(new Date(now.getTime() + 86_400_000).toISOString());
    expect(await repo.signingSecrets(db.ds.manager, created.endpointId, now)).toEqual([rotated.secret, own]);

    const disable = new DisableWebhookEndpointCommand(db.ds, repo, audit);
    const enable = new EnableWebhookEndpointCommand(db.ds, repo, new WebhookDeliveryQueue(), audit);
    expect(await disable.execute(ctx(cwsAdmin), created.endpointId)).toMatchObject({ enabled: false, disabledReason: 'manual' });
    expect(await statusOf(disable.execute(ctx(cwsAdmin), created.endpointId))).toBe(409);
    expect(await enable.execute(ctx(cwsAdmin), created.endpointId)).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    expect(await statusOf(enable.execute(ctx(cwsAdmin), created.endpointId))).toBe(409);
    // Another county's or agency's endpoint is not found.
    expect(await statusOf(rotate.execute(ctx(laAdmin), created.endpointId, {}))).toBe(404);
    expect(await statusOf(disable.execute(ctx(cwsAdmin), generated.endpointId))).toBe(404);
    expect(await statusOf(enable.execute(ctx(cwsAdmin), globalThis.crypto.randomUUID()))).toBe(404);

    const entries = await audit.list({ recordId: created.endpointId });
    expect(entries.map((e) => [e.action, e.purpose, e.outcome]).reverse()).toEqual([
      ['create', 'register a webhook endpoint', 'allowed'],
      ['update', 'rotate a webhook signing secret', 'allowed'],
      ['update', 'disable a webhook endpoint', 'allowed'],
      ['update', 'enable a webhook endpoint', 'allowed'],
    ]);
    const auditText = JSON.stringify(await audit.list({ limit: 100 }));
    for (const s of [own, generated.secret, rotated.secret, 'token=abc']) expect(auditText).not.toContain(s);
    expect(entries[0]!.details).toMatchObject({ host: 'hooks.example.org' });
  });

  it('refuses bad registrations, changing nothing: internal or non-https URLs outside development, another agency, none named by a platform caller', async () => {
    const register = new RegisterWebhookEndpointCommand(db.ds, repo, audit, prod);
    const before = [await count(), await auditCount()];
    const body = { eventTypes: ['escalation.raised' as const], secret: secret() };
    for (const url of [
      'http://hooks.example.org/h',
      'https://127.0.0.1/h',
      'https://[::1]/h',
      'https://10.0.0.8/h',
      'https://localhost/h',
      'https://169.254.169.254/x',
    ])
      expect([url, await statusOf(register.execute(ctx(cwsAdmin), { ...body, url }))]).toEqual([url, 422]);
    expect(await statusOf(register.execute(ctx(cwsAdmin), { ...body, url: 'https://hooks.example.org/h', agency: 'calworks' }))).toBe(422);
    expect(await statusOf(register.execute(ctx(platformAdmin), { ...body, url: 'https://hooks.example.org/h' }))).toBe(422);
    expect([await count(), await auditCount()]).toEqual(before);
    // In development a local receiver is fine.
    const dev = new RegisterWebhookEndpointCommand(db.ds, repo, audit, { NODE_ENV: 'development' });
    expect((await dev.execute(ctx(laAdmin), { ...body, url: 'http://127.0.0.1:9/h' })).url).toBe('http://127.0.0.1:9/h');
  });

  it('over HTTP: 201 with the secret once; problem+json for a bad URL, a short secret, unknown event types; nothing written', async () => {
    let caller: Principal = cwsAdmin;
    @Injectable()
    class TestPrincipalGuard implements CanActivate {
      canActivate(context: ExecutionContext): boolean {
        const req = context.switchToHttp().getRequest<{ principal?: Principal; correlationId?: string }>();
        req.principal = caller;
        req.correlationId = 'it-http';
        return true;
      }
    }
    @Global()
    @Module({
      providers: [
        { provide: getDataSourceToken(), useFactory: () => db.ds },
        { provide: AUDIT_LOG, useFactory: () => audit },
        { provide: FIELD_CIPHER, useValue: cipher },
        { provide: SERVICE_CONFIG, useValue: prod },
        { provide: APP_GUARD, useClass: TestPrincipalGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [getDataSourceToken(), AUDIT_LOG, FIELD_CIPHER, SERVICE_CONFIG],
    })
    class HostModule {}
    const ref = await Test.createTestingModule({ imports: [HostModule, NotificationsWebhookModule] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const post = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    try {
      caller = { ...cwsAdmin, county: '06001' };
      const ok = await post('/webhook-endpoints', {
        url: 'https://hooks.example.org/http',
        eventTypes: ['escalation.raised', 'deadline.reminder'],
      });
      expect(ok.status).toBe(201);
      const created = (await ok.json()) as { endpointId: string; secret: string };
      expect(created.secret).toMatch(/^whsec_/);
      const listed = await fetch(`${base}/webhook-endpoints`);
      expect(listed.status).toBe(200);
      const listText = await listed.text();
      expect(listText).toContain(created.endpointId);
      expect(listText).not.toContain('whsec_');

      const before = [await count(), await auditCount()];
      const refusals: [unknown, number, string, RegExp][] = [
        [{ url: 'https://192.168.0.10/h', eventTypes: ['escalation.raised'] }, 422, 'webhook-url-refused', /internal address/],
        [{ url: 'http://hooks.example.org/h', eventTypes: ['escalation.raised'] }, 422, 'webhook-url-refused', /https/],
        [{ url: 'https://hooks.example.org/h', eventTypes: ['escalation.raised'], secret: 'whsec_c2hvcnQ=' }, 400, 'validation', /invalid/],
        [{ url: 'https://hooks.example.org/h', eventTypes: ['escalation.raised'], secret: '' }, 400, 'validation', /invalid/],
        [{ url: 'https://hooks.example.org/h', eventTypes: ['case.opened'] }, 400, 'validation', /invalid/],
        [{ url: 'https://hooks.example.org/h', eventTypes: [] }, 400, 'validation', /invalid/],
        [{ url: 'https://hooks.example.org/h' }, 400, 'validation', /invalid/],
      ];
      for (const [body, status, slug, detail] of refusals) {
        const res = await post('/webhook-endpoints', body);
        const problem = (await res.json()) as { type: string; status: number; detail: string; errors?: { field: string }[] };
        expect([JSON.stringify(body), res.status, res.headers.get('content-type')]).toEqual([
          JSON.stringify(body),
          status,
          expect.stringMatching(/^application\/problem\+json/),
        ]);
        expect(problem.type).toMatch(new RegExp(`/${slug}$`));
        expect(problem.detail).toMatch(detail);
        expect(JSON.stringify(problem)).not.toContain('c2hvcnQ');
      }
      expect([await count(), await auditCount()]).toEqual(before);

      const rotated = await post(`/webhook-endpoints/${created.endpointId}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(((await rotated.json()) as { secret: string }).secret).not.toBe(created.secret);
      expect((await post(`/webhook-endpoints/${created.endpointId}/disable`)).status).toBe(200);
      expect((await post(`/webhook-endpoints/${created.endpointId}/disable`)).status).toBe(409);
      expect((await post(`/webhook-endpoints/${created.endpointId}/enable`)).status).toBe(200);
      expect((await post('/webhook-endpoints/not-a-uuid/enable')).status).toBe(400);
      expect((await post(`/webhook-endpoints/${globalThis.crypto.randomUUID()}/enable`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
