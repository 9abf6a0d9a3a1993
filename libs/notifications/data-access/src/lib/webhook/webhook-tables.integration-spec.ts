import { randomBytes } from 'node:crypto';
import { FieldCipher, parseKeyring } from '@linkages/platform-crypto';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { deliveryEntities, deliveryMigrations } from '../delivery';
import { WebhookEndpointEntity } from '../delivery/webhook-endpoint.entity';
import { WebhookDeliveryEntity } from '../delivery/webhook-delivery.entity';
import { webhookMigrations } from './create-notifications-webhook-tables.migration';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { webhookEntities } from './webhook.entities';

const uuid = () => globalThis.crypto.randomUUID();
const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

// The webhook tables on the real PostgreSQL: no drift, secrets encrypted at rest and bound to their endpoint,
// rotation keeps the previous secret for its window, and a claim hands each due row to one dispatcher.
describe('webhook endpoints and queue (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-notifications-webhook-tables',
    entities: [...deliveryEntities, ...webhookEntities],
    migrations: (s) => [...deliveryMigrations(s), ...webhookMigrations(s)],
  });
  const cipher = new FieldCipher(parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'KEYS'));
  const repo = new WebhookEndpointRepository(cipher);
  const queue = new WebhookDeliveryQueue();

  it('the migrations make what the entities map (no drift)', () => db.expectNoDrift());

  it('stores secrets encrypted, bound to the endpoint; rotation signs with both for 24 h, then the new one only', async () => {
    const id = uuid();
    const s1 = secret();
    const now = new Date('2026-12-01T10:00:00Z');
    const view = await db.ds.transaction((tx) =>
      repo.create(
        tx,
        { id, agency: 'cws', countyCode: '06085', url: 'https://hooks.example.org/h', eventTypes: ['escalation.raised'], secret: s1 },
        now,
      ),
    );
    expect(JSON.stringify(view)).not.toContain(s1);
    const [row] = (await db.ds.query(`SELECT secrets FROM "${db.schema}".webhook_endpoints WHERE id = $1`, [id])) as {
      secrets: string[];
    }[];
    expect(row!.secrets).toHaveLength(1);
    expect(row!.secrets[0]).toMatch(/^f1\.k1\./);
    expect(row!.secrets[0]).not.toContain(s1.slice(6, 20));
    expect(await repo.signingSecrets(db.ds.manager, id, now)).toEqual([s1]);

    // A ciphertext moved to another endpoint does not decrypt there.
    const other = uuid();
    await db.ds.transaction((tx) =>
      repo.create(
        tx,
        {
          id: other,
          agency: 'cws',
          countyCode: '06085',
          url: 'https://hooks.example.org/o',
          eventTypes: ['escalation.raised'],
          secret: secret(),
        },
        now,
      ),
    );
    await db.ds.getRepository(WebhookEndpointEntity).update({ id: other }, { secrets: row!.secrets });
    await expect(repo.signingSecrets(db.ds.manager, other, now)).rejects.toThrow();

    const s2 = secret();
    const until = new Date(now.getTime() + 24 * 3_600_000);
    const rotated = await db.ds.transaction((tx) => repo.rotate(tx, id, s2, until, now));
    expect(rotated.previousSecretExpiresAt).toBe(until.toISOString());
    expect(await repo.signingSecrets(db.ds.manager, id, now)).toEqual([s2, s1]);
    expect(await repo.signingSecrets(db.ds.manager, id, new Date(until.getTime() + 1))).toEqual([s2]);
    const s3 = secret();
    await db.ds.transaction((tx) => repo.rotate(tx, id, s3, until, now));
    expect(await repo.signingSecrets(db.ds.manager, id, now)).toEqual([s3, s2]);

    expect((await repo.list(db.ds.manager, '06085', 'cws')).map((e) => e.endpointId)).toEqual([id, other].sort());
    expect(await repo.list(db.ds.manager, '06085', 'calworks')).toEqual([]);
    expect(await repo.list(db.ds.manager, '06037', null)).toEqual([]);
    expect((await queue.subscribedEndpoints(db.ds.manager, 'cws', '06085', 'escalation.raised')).map((e) => e.id).sort()).toEqual(
      [id, other].sort(),
    );
    expect(await queue.subscribedEndpoints(db.ds.manager, 'cws', '06085', 'deadline.reminder')).toEqual([]);
    await db.ds.transaction((tx) => repo.setEnabled(tx, other, false, 'manual', now));
    expect((await queue.subscribedEndpoints(db.ds.manager, 'cws', '06085', 'escalation.raised')).map((e) => e.id)).toEqual([id]);
  });

  it('claims each due row once across concurrent dispatchers, skipping disabled endpoints and leasing what it took', async () => {
    const now = new Date();
    const enabled = uuid();
    const disabled = uuid();
    for (const id of [enabled, disabled])
      await db.ds.transaction((tx) =>
        repo.create(
          tx,
          {
            id,
            agency: 'calworks',
            countyCode: '06037',
            url: `https://hooks.example.org/${id}`,
            eventTypes: ['escalation.raised'],
            secret: secret(),
          },
          now,
        ),
      );
    await db.ds.transaction((tx) => repo.setEnabled(tx, disabled, false, 'consecutive-failures', now));
    const ids: string[] = [];
    await db.ds.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) {
        const id = uuid();
        ids.push(id);
        await queue.enqueue(
          tx,
          {
            id,
            messageId: uuid(),
            deliveryId: uuid(),
            endpointId: i < 8 ? enabled : disabled,
            eventType: 'escalation.raised',
            payload: { i },
            context: {
              notificationId: uuid(),
              familyId: 'f',
              recipientStaffId: 's',
              countyCode: '06037',
              escalationId: 'e',
              channelKey: `k${i}`,
            },
          },
          new Date(now.getTime() - 1000),
        );
      }
    });
    const claims = await Promise.all([1, 2, 3].map(() => queue.claimDue(db.ds, { limit: 3, leaseMs: 60_000, now })));
    const claimed = claims.flat().map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(8);
    expect(claims.flat().every((c) => c.url.endsWith(enabled))).toBe(true);
    expect(await queue.claimDue(db.ds, { limit: 10, leaseMs: 60_000, now })).toEqual([]);
    const leased = await db.ds.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: claimed[0]! });
    expect(leased.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    // Re-enabled: its pending messages are due at once.
    await db.ds.transaction(async (tx) => {
      await repo.setEnabled(tx, disabled, true, null, now);
      expect(await queue.resume(tx, disabled, now)).toBe(2);
    });
    expect((await queue.claimDue(db.ds, { limit: 10, leaseMs: 60_000, now })).map((c) => c.endpointId)).toEqual([disabled, disabled]);
  });

  it('claims first attempts before retries, so a backlog to an endpoint that is down never delays a new message', async () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const [down, up] = [uuid(), uuid()];
    for (const id of [down, up])
      await db.ds.transaction((tx) =>
        repo.create(
          tx,
          {
            id,
            agency: 'cws',
            countyCode: '06001',
            url: `https://hooks.example.org/${id}`,
            eventTypes: ['escalation.raised'],
            secret: secret(),
          },
          now,
        ),
      );
    const message = (endpointId: string, i: number) => ({
      id: uuid(),
      messageId: uuid(),
      deliveryId: uuid(),
      endpointId,
      eventType: 'escalation.raised',
      payload: { i },
      context: {
        notificationId: uuid(),
        familyId: 'f',
        recipientStaffId: 's',
        countyCode: '06001',
        escalationId: 'e',
        channelKey: `fair${i}`,
      },
    });
    const retries = Array.from({ length: 5 }, (_, i) => message(down, i));
    await db.ds.transaction(async (tx) => {
      for (const m of retries) {
        await queue.enqueue(tx, m, new Date(now.getTime() - 3_600_000));
        await queue.retryAt(tx, m.id, 3, new Date(now.getTime() - 60_000), 'network');
      }
    });
    const fresh = message(up, 99);
    await db.ds.transaction((tx) => queue.enqueue(tx, fresh, now));
    // (Rows the other tests left are in the same schema: compare the order of this test's own.)
    const mine = new Set<string>([fresh.id, ...retries.map((r) => r.id)]);
    const claimed = (await queue.claimDue(db.ds, { limit: 50, leaseMs: 60_000, now })).filter((c) => mine.has(c.id));
    expect(claimed[0]?.id).toBe(fresh.id);
    expect(claimed.slice(1).map((c) => c.id)).toEqual(expect.arrayContaining(retries.map((r) => r.id)));
    expect(claimed).toHaveLength(6);
  });
});
