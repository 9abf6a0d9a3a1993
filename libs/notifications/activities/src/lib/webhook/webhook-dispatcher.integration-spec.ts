import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { FieldCipher, parseKeyring } from '@linkages/platform-crypto';
import { OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import {
  DeliveryAttemptEntity,
  DeliveryEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookEndpointRepository,
  deliveryEntities,
  deliveryMigrations,
  webhookEntities,
  webhookMigrations,
} from '@linkages/notifications-data-access';
import type { DeliverRequest, RecipientContact, RecipientDirectory } from '@linkages/notifications-domain';
import { createDeliveryActivities } from '../delivery/delivery-activities';
import { createWebhookDispatcher, type WebhookDispatcherDeps } from './webhook-dispatcher';
import { createHttpWebhookSender } from './webhook-sender';
import { webhookMetricsOn } from './webhook-dispatcher.host';

const uuid = () => globalThis.crypto.randomUUID();
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 (random port): answers each path from its script (the last status repeats). */
class Receiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;
  base = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const script = this.scripts.get(path) ?? [200];
        const status = script.length > 1 ? script.shift()! : script[0]!;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(path: string, statuses: number[]) {
    this.scripts.set(path, [...statuses]);
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  stop() {
    return new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

const headersOf = (r: Received) => ({
  'webhook-id': String(r.headers['webhook-id']),
  'webhook-timestamp': String(r.headers['webhook-timestamp']),
  'webhook-signature': String(r.headers['webhook-signature']),
});

// Signed webhooks end to end on the real PostgreSQL and a local node:http receiver (development: loopback allowed):
// deliverNotification queues, the dispatcher signs (Standard Webhooks), retries with backoff, and disables.
describe('webhook dispatch (PostgreSQL + a local receiver)', () => {
  const db = migratedSchema({
    name: 'it-notifications-webhooks',
    entities: [...deliveryEntities, ...webhookEntities],
    migrations: (s) => [createMessagingMigration(s), createAuditMigration(s), ...deliveryMigrations(s), ...webhookMigrations(s)],
  });
  const receiver = new Receiver();
  const cipher = new FieldCipher(parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'KEYS'));
  const endpoints = new WebhookEndpointRepository(cipher);
  const contacts = new Map<string, RecipientContact>();
  const directory: RecipientDirectory = { contactOf: async (id) => contacts.get(id) ?? null };
  const registry = new Registry();
  let audit: AuditLog;
  let outbox: OutboxWriter;

  beforeAll(async () => {
    await receiver.start();
    audit = new AuditLog(db.ds, db.schema);
    outbox = new OutboxWriter(db.schema, 'notifications');
  });
  afterAll(() => receiver.stop());

  const activities = () =>
    createDeliveryActivities({
      ds: db.ds,
      outbox,
      directory,
      mailer: null,
      mailFrom: 'Linkages <no-reply@linkages.example.org>',
      mac: (d) => createHmac('sha256', 'k').update(d).digest(),
      publicBaseUrl: 'http://127.0.0.1:3004',
      timeZoneOf: () => 'America/Los_Angeles',
    });

  const dispatcher = (over: Partial<WebhookDispatcherDeps> = {}) =>
    createWebhookDispatcher({
      ds: db.ds,
      endpoints,
      outbox,
      audit,
      send: createHttpWebhookSender({ timeoutMs: 2000, allowInternalAddresses: true }),
      retry: { schedule: [30, 30, 30, 30, 30], jitterRatio: 0.5 },
      metrics: webhookMetricsOn(registry),
      ...over,
    });

  /** Runs the dispatcher until `done` holds (bounded). */
  async function drain(d: ReturnType<typeof dispatcher>, done: () => Promise<boolean>, ms = 10_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await d.dispatchDue();
      if (await done()) return;
      await sleep(20);
    }
    throw new Error('drain: timed out');
  }

  /** A recipient of an agency and county of their own, an endpoint there, and a request for them. */
  async function setup(path: string, opts: { agency?: 'cws' | 'calworks'; eventTypes?: string[] } = {}) {
    const countyCode = `06${String(100 + contacts.size * 2).padStart(3, '0')}`;
    const staffId = uuid();
    const agency = opts.agency ?? 'cws';
    contacts.set(staffId, { staffId, agency, countyCode, channels: { email: false, webhook: true } });
    const secret = newSecret();
    const endpointId = uuid();
    await db.ds.transaction((tx) =>
      endpoints.create(
        tx,
        {
          id: endpointId,
          agency,
          countyCode,
          url: `${receiver.base}${path}`,
          eventTypes: opts.eventTypes ?? ['escalation.raised'],
          secret,
        },
        new Date(),
      ),
    );
    const familyId = uuid();
    const req: DeliverRequest = {
      subject: {
        escalationId: `esc-${path}`,
        deadlineId: uuid(),
        familyId,
        countyCode,
        ownerService: 'child-welfare',
        ruleId: 'cws.immediate-response',
        citation: 'MPP 31-115',
        subjectRef: 'referral/r-1/response',
        dueAt: '2026-12-01T18:00:00Z',
        overdueSince: '2026-12-01T18:00:00Z',
        explanation: 'Due 24 hours after receipt',
      },
      kind: 'escalation',
      level: 1,
      round: 0,
      recipient: { staffId, role: 'supervisor', via: 'direct' },
      acknowledgeBy: '2026-12-01T20:00:00Z',
      legallyUrgent: false,
      at: new Date().toISOString(),
    };
    return { staffId, countyCode, secret, endpointId, req, familyId };
  }

  const rowsOf = (endpointId: string) => db.ds.getRepository(WebhookDeliveryEntity).findBy({ endpointId });
  const attemptsOf = async (deliveryId: string) =>
    db.ds.getRepository(DeliveryAttemptEntity).find({ where: { deliveryId }, order: { at: 'ASC' } });

  it('delivers a message that verifies with the endpoint secret; a redelivered notification enqueues nothing new', async () => {
    const { secret, endpointId, req, familyId } = await setup('/ok');
    const first = await activities().deliverNotification(req);
    expect(first.channels.find((c) => c.channel === 'webhook')).toEqual({
      channel: 'webhook',
      outcome: 'queued',
      detail: 'endpoints:1',
      attempts: 0,
    });
    const d = dispatcher();
    await drain(d, async () => (await rowsOf(endpointId)).every((r) => r.status === 'delivered'));

    const [got, ...more] = receiver.at('/ok');
    expect(more).toEqual([]);
    const payload = new Webhook(secret).verify(got!.body, headersOf(got!)) as { type: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      type: 'escalation.raised',
      data: {
        notificationId: first.notificationId,
        deadlineId: req.subject.deadlineId,
        level: 1,
        ruleId: 'cws.immediate-response',
        minimal: false,
      },
    });
    // The plain-HMAC recipe of docs/webhooks.md gives the same signature.
    const h = headersOf(got!);
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`${h['webhook-id']}.${h['webhook-timestamp']}.${got!.body}`)
      .digest('base64');
    expect(h['webhook-signature'].split(' ')).toContain(`v1,${expected}`);
    expect(Math.abs(Number(h['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(() => new Webhook(newSecret()).verify(got!.body, headersOf(got!))).toThrow(/No matching signature/);
    expect(() => new Webhook(secret).verify(got!.body.replace('"level":1', '"level":2'), headersOf(got!))).toThrow();
    expect(got!.body).not.toContain('Due 24 hours');
    expect(got!.headers['content-type']).toBe('application/json');

    // Redelivered: nothing queued, nothing sent again; one notification-delivered for the webhook channel.
    const again = await activities().deliverNotification(req);
    expect(again.channels.find((c) => c.channel === 'webhook')?.outcome).toBe('duplicate');
    expect(await rowsOf(endpointId)).toHaveLength(1);
    expect(await d.dispatchDue()).toBe(0);
    expect(receiver.at('/ok')).toHaveLength(1);
    const events = (await db.ds.query(`SELECT value FROM "${db.schema}".outbox WHERE value::text LIKE $1`, [
      `%${first.notificationId}%`,
    ])) as {
      value: string;
    }[];
    const webhookEvents = events.map((e) => JSON.parse(e.value) as Record<string, unknown>).filter((e) => e['channel'] === 'webhook');
    expect(webhookEvents).toEqual([expect.objectContaining({ notificationId: first.notificationId, familyId, channel: 'webhook' })]);
    const [row] = await rowsOf(endpointId);
    expect(await attemptsOf(row!.deliveryId)).toEqual([expect.objectContaining({ outcome: 'delivered', detail: 'http-200' })]);
    expect((await db.ds.getRepository(DeliveryEntity).findOneByOrFail({ id: row!.deliveryId })).status).toBe('delivered');
  });

  it('signs with both secrets during a rotation: a receiver on either verifies', async () => {
    const { secret: old, endpointId, req } = await setup('/rotating');
    const rotated = newSecret();
    await db.ds.transaction((tx) => endpoints.rotate(tx, endpointId, rotated, new Date(Date.now() + 86_400_000), new Date()));
    await activities().deliverNotification(req);
    await drain(dispatcher(), async () => receiver.at('/rotating').length === 1);
    const [got] = receiver.at('/rotating');
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [rotated, old]) expect(new Webhook(s).verify(got!.body, headersOf(got!))).toMatchObject({ type: 'escalation.raised' });
  });

  it('retries a receiver answering 500 twice: three attempts recorded, delivered once, the same webhook-id each time', async () => {
    receiver.script('/flaky', [500, 500, 200]);
    const { secret, endpointId, req } = await setup('/flaky');
    await activities().deliverNotification(req);
    await drain(dispatcher(), async () => (await rowsOf(endpointId))[0]?.status === 'delivered');
    const got = receiver.at('/flaky');
    expect(got).toHaveLength(3);
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1);
    for (const g of got) expect(() => new Webhook(secret).verify(g.body, headersOf(g))).not.toThrow();
    const [row] = await rowsOf(endpointId);
    expect(row).toMatchObject({ status: 'delivered', attempts: 3 });
    expect((await attemptsOf(row!.deliveryId)).map((a) => [a.outcome, a.detail])).toEqual([
      ['failed', 'http-500'],
      ['failed', 'http-500'],
      ['delivered', 'http-200'],
    ]);
    const endpoint = await db.ds.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: endpointId });
    expect(endpoint).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('disables an endpoint that keeps failing, reports it in the audit log and metrics, and sends it nothing more', async () => {
    receiver.script('/down', [503]);
    const { endpointId, req, countyCode } = await setup('/down');
    await activities().deliverNotification(req);
    const d = dispatcher({ disable: { maxConsecutiveFailures: 3, minFailingMs: 0, maxFailingMs: 3_600_000, minFailuresForAge: 3 } });
    await drain(d, async () => !(await db.ds.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: endpointId })).enabled);
    const endpoint = await db.ds.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: endpointId });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'consecutive-failures', consecutiveFailures: 3 });
    expect(receiver.at('/down')).toHaveLength(3);
    const [row] = await rowsOf(endpointId);
    expect(row).toMatchObject({ status: 'pending', attempts: 3, lastDetail: 'http-503' });
    expect((await attemptsOf(row!.deliveryId)).map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    const [entry] = await audit.list({ recordId: endpointId });
    expect(entry).toMatchObject({
      actorSubject: 'system:notifications',
      action: 'update',
      recordType: 'webhook-endpoint',
      recordCounty: countyCode,
      reason: 'consecutive-failures',
      outcome: 'allowed',
    });
    expect(await registry.getSingleMetricAsString('linkages_webhook_endpoints_disabled_total')).toMatch(
      /linkages_webhook_endpoints_disabled_total\{reason="consecutive-failures"\} 1/,
    );
    // Disabled: the pending message is not sent again, and a new notification is not queued for it.
    await sleep(100);
    expect(await d.dispatchDue()).toBe(0);
    expect(receiver.at('/down')).toHaveLength(3);
    const next = await activities().deliverNotification({ ...req, round: 1 });
    expect(next.channels.find((c) => c.channel === 'webhook')).toMatchObject({ outcome: 'skipped', detail: 'no-endpoint' });
  });

  it('fails a message for good after its last attempt (the endpoint still enabled below the disable threshold)', async () => {
    receiver.script('/gone', [500]);
    const { endpointId, req } = await setup('/gone');
    await activities().deliverNotification(req);
    await drain(dispatcher({ retry: { schedule: [20], jitterRatio: 0 } }), async () => (await rowsOf(endpointId))[0]?.status === 'failed');
    const [row] = await rowsOf(endpointId);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await db.ds.getRepository(DeliveryEntity).findOneByOrFail({ id: row!.deliveryId })).status).toBe('failed');
    expect(receiver.at('/gone')).toHaveLength(2);
  });

  it('fails the message of an endpoint whose secret does not decrypt, and still sends the others of the batch', async () => {
    const bad = await setup('/unreadable');
    const good = await setup('/readable');
    await db.ds.getRepository(WebhookEndpointEntity).update({ id: bad.endpointId }, { secrets: ['whsec_written-in-clear'] });
    await activities().deliverNotification(bad.req);
    await activities().deliverNotification(good.req);
    await drain(dispatcher(), async () => (await rowsOf(good.endpointId))[0]?.status === 'delivered');
    const [row] = await rowsOf(bad.endpointId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastDetail: 'secret-unreadable' });
    expect(receiver.at('/unreadable')).toEqual([]);
  });

  it('queues nothing for an endpoint of another agency, another event type, or a recipient who opted out', async () => {
    const { endpointId, req, staffId, countyCode } = await setup('/reminders-only', { eventTypes: ['deadline.reminder'] });
    const calworksEndpoint = uuid();
    await db.ds.transaction((tx) =>
      endpoints.create(
        tx,
        {
          id: calworksEndpoint,
          agency: 'calworks',
          countyCode,
          url: `${receiver.base}/calworks`,
          eventTypes: ['escalation.raised'],
          secret: newSecret(),
        },
        new Date(),
      ),
    );
    const r1 = await activities().deliverNotification(req);
    expect(r1.channels.find((c) => c.channel === 'webhook')).toMatchObject({ outcome: 'skipped', detail: 'no-endpoint' });
    contacts.set(staffId, { ...contacts.get(staffId)!, channels: { email: false, webhook: false } });
    const r2 = await activities().deliverNotification({ ...req, kind: 'reminder', level: 0 });
    expect(r2.channels.find((c) => c.channel === 'webhook')).toMatchObject({ outcome: 'skipped', detail: 'opted-out' });
    expect(await rowsOf(endpointId)).toEqual([]);
    expect(await rowsOf(calworksEndpoint)).toEqual([]);
  });

  it('outside development, refuses to connect to a name that resolves to a loopback address', async () => {
    const send = createHttpWebhookSender({ timeoutMs: 2000, allowInternalAddresses: false });
    const port = new URL(receiver.base).port;
    const before = receiver.received.length;
    expect(await send({ url: `http://localhost:${port}/ok`, headers: {}, body: '{}' })).toEqual({ error: 'refused-address' });
    expect(receiver.received.length).toBe(before);
    expect(
      await createHttpWebhookSender({ timeoutMs: 2000, allowInternalAddresses: true })({
        url: `${receiver.base}/ok`,
        headers: {},
        body: '{}',
      }),
    ).toEqual({
      status: 200,
    });
  });
});
