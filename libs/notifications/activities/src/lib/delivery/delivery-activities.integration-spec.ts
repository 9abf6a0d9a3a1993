import { createHmac } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createTransport } from 'nodemailer';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import { Mailpit, mailpitSettings, uniqueRecipient } from '@linkages/platform-testing';
import { deliveryEntities, deliveryMigrations } from '@linkages/notifications-data-access';
import type { DeliverRequest, RecipientContact, RecipientDirectory } from '@linkages/notifications-domain';
import { createDeliveryActivities, type DeliveryActivitiesDeps } from './delivery-activities';
import { deliveryMetricsOn } from './delivery-activities.provider';
import { DeliveryAttemptEntity, DeliveryEntity } from '@linkages/notifications-data-access';

class MemoryDirectory implements RecipientDirectory {
  constructor(private readonly contacts: Map<string, RecipientContact>) {}
  async contactOf(staffId: string) {
    return this.contacts.get(staffId) ?? null;
  }
}

// E-mail to the stack's Mailpit, read back through its API: the CWS minimum for a CalWORKs recipient, the ack link,
// and one mail for a redelivered request.
describe('deliverNotification (PostgreSQL + Mailpit)', () => {
  const db = migratedSchema({
    name: 'it-notifications-deliver',
    entities: deliveryEntities,
    migrations: (schema) => [createMessagingMigration(schema), ...deliveryMigrations(schema)],
  });
  const mailpit = new Mailpit();
  const email = uniqueRecipient('deliver');
  const staffId = globalThis.crypto.randomUUID();
  const familyId = globalThis.crypto.randomUUID();
  const directory = new MemoryDirectory(
    new Map([[staffId, { staffId, agency: 'calworks', countyCode: '06037', email, channels: { email: true, webhook: true } }]]),
  );
  const mailer = createTransport(mailpitSettings().smtpUrl);
  afterAll(() => mailer.close());
  const activitiesWith = (deps: Pick<DeliveryActivitiesDeps, 'mailer'> & Partial<DeliveryActivitiesDeps>) =>
    createDeliveryActivities({
      ds: db.ds,
      outbox: new OutboxWriter(db.schema, 'notifications'),
      directory,
      mailFrom: 'Linkages <no-reply@linkages.example.org>',
      mac: (d) => createHmac('sha256', 'k').update(d).digest(),
      publicBaseUrl: 'http://127.0.0.1:3004',
      timeZoneOf: () => 'America/Los_Angeles',
      ...deps,
    });

  it('sends one mail with the minimum and an ack link, and nothing twice on redelivery', async () => {
    const activities = activitiesWith({ mailer });
    const req = requestOf(cwsClock, { escalationId: 'esc-1', subjectRef: 'referral/r-1/response', familyId, staffId });
    const first = await activities.deliverNotification(req);
    expect(first.channels.map((c) => [c.channel, c.outcome])).toEqual([
      ['in-app', 'delivered'],
      ['email', 'delivered'],
      ['webhook', 'skipped'],
    ]);
    const second = await activities.deliverNotification(req);
    expect(second.notificationId).toBe(first.notificationId);
    expect(second.channels.map((c) => c.outcome)).toEqual(['duplicate', 'duplicate', 'skipped']);
    const [mail] = await mailpit.waitForMessages(email);
    const raw = await mailpit.raw(mail!.ID);
    expect(raw).toContain('/ack/');
    for (const secret of [familyId, 'MPP 31-115', 'cws.immediate-response', 'referral/r-1']) expect(raw).not.toContain(secret);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
    // One notification-delivered per channel delivered, none added by the redelivery; ids only in the payload.
    const events = (await db.ds.query(`SELECT event_type, value FROM "${db.schema}".outbox ORDER BY seq`)) as {
      event_type: string;
      value: string;
    }[];
    expect(events).toHaveLength(2);
    const data = events.map((e) => JSON.parse(e.value) as Record<string, unknown>);
    expect(data.map((d) => [d['channel'], d['notificationId'], d['recipientId'], d['familyId']])).toEqual([
      ['in-app', first.notificationId, staffId, familyId],
      ['email', first.notificationId, staffId, familyId],
    ]);
    expect(events.map((e) => e.value).join('\n')).not.toContain(email);
  });

  it('without an SMTP server: the inbox item is delivered and the e-mail reported skipped', async () => {
    const activities = activitiesWith({ mailer: null });
    const result = await activities.deliverNotification(
      requestOf(cwsClock, { escalationId: 'esc-2', subjectRef: 'referral/r-2/response', familyId, staffId }),
    );
    expect(result.channels.slice(0, 2)).toEqual([
      { channel: 'in-app', outcome: 'delivered', attempts: 1 },
      { channel: 'email', outcome: 'skipped', detail: 'no SMTP server configured', attempts: 0 },
    ]);
  });

  it('a mailbox the SMTP server refuses for good (550) falls back to the inbox: the attempt recorded, the fallback counted', async () => {
    const smtp = await refusingSmtp('550 5.1.1 mailbox unavailable');
    const refusing = smtp.transport;
    const registry = new Registry();
    try {
      const activities = activitiesWith({ mailer: refusing, metrics: deliveryMetricsOn(registry) });
      const result = await activities.deliverNotification(
        requestOf(calworksClock, { escalationId: 'esc-3', subjectRef: 'episode/esc-3/compliance', familyId, staffId }),
      );
      expect(result.fellBackTo).toBe('in-app');
      expect(result.channels.slice(0, 2)).toEqual([
        { channel: 'in-app', outcome: 'delivered', attempts: 1 },
        { channel: 'email', outcome: 'failed', detail: 'smtp-550', attempts: 1 },
      ]);
      const row = await db.ds.getRepository(DeliveryEntity).findOneByOrFail({ notificationId: result.notificationId, channel: 'email' });
      expect(row).toMatchObject({ status: 'failed', detail: 'smtp-550', attempts: 1 });
      expect(await db.ds.getRepository(DeliveryAttemptEntity).findBy({ deliveryId: row.id })).toEqual([
        expect.objectContaining({ outcome: 'failed', detail: 'smtp-550' }),
      ]);
      const metrics = await registry.metrics();
      expect(metrics).toContain('linkages_notification_fallbacks_total{from="email",to="in-app"} 1');
      expect(metrics).toContain('linkages_notification_deliveries_total{channel="email",outcome="failed"} 1');
      expect(metrics).toContain('linkages_notification_deliveries_total{channel="in-app",outcome="delivered"} 1');
    } finally {
      await smtp.close();
    }
  });

  it('a mail server unreachable for a minute of retries does not hold the ladder: the e-mail fails for good on the last try', async () => {
    const smtp = await refusingSmtp('421 4.3.2 service not available, try later');
    let attempt = 1;
    try {
      const activities = activitiesWith({ mailer: smtp.transport, attempt: () => attempt, transientEmailAttempts: 3 });
      const req = requestOf(calworksClock, { escalationId: 'esc-4', subjectRef: 'episode/esc-4/compliance', familyId, staffId });
      // Tries 1 and 2: transient, so the activity fails and Temporal retries it; the inbox item is delivered once.
      await expect(activities.deliverNotification(req)).rejects.toThrow();
      attempt = 2;
      await expect(activities.deliverNotification(req)).rejects.toThrow();
      attempt = 3;
      const result = await activities.deliverNotification(req);
      expect(result.fellBackTo).toBe('in-app');
      expect(result.channels.slice(0, 2)).toEqual([
        { channel: 'in-app', outcome: 'duplicate', attempts: 1 },
        { channel: 'email', outcome: 'failed', detail: 'smtp-unavailable', attempts: 1 },
      ]);
      const row = await db.ds.getRepository(DeliveryEntity).findOneByOrFail({ notificationId: result.notificationId, channel: 'email' });
      expect(row.status).toBe('failed');
      const attempts = await db.ds.getRepository(DeliveryAttemptEntity).find({ where: { deliveryId: row.id }, order: { at: 'ASC' } });
      expect(attempts.map((a) => a.detail)).toEqual(['smtp-transient', 'smtp-transient', 'smtp-unavailable']);
    } finally {
      await smtp.close();
    }
  });
});

/** A real SMTP server on loopback that answers every recipient with `reply` (a 5xx refuses for good, a 4xx for now). */
async function refusingSmtp(reply: string) {
  const server = createTcpServer((socket) => {
    socket.write('220 refusing.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO' || verb === 'MAIL' || verb === 'RSET') socket.write('250 ok\r\n');
        else if (verb === 'RCPT') socket.write(`${reply}\r\n`);
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('502 not implemented\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const transport = createTransport({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, secure: false, ignoreTLS: true });
  return {
    transport,
    close: async () => {
      transport.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** What differs between the clocks the tests deliver: a child-welfare immediate response at level 1, a CalWORKs one at level 2. */
const cwsClock = {
  ownerService: 'child-welfare',
  ruleId: 'cws.immediate-response',
  citation: 'MPP 31-115',
  explanation: 'Due 24 hours after receipt',
  level: 1,
  acknowledgeBy: '2026-12-01T20:00:00Z',
} as const;
const calworksClock = {
  ownerService: 'calworks',
  ruleId: 'calworks.wtw.compliance-period',
  citation: 'MPP 42-721',
  explanation: 'Due 20 days after the notice',
  level: 2,
  acknowledgeBy: '2026-12-02T20:00:00Z',
} as const;

/** One escalation notice of a clock to one supervisor (Los Angeles). */
function requestOf(
  clock: typeof cwsClock | typeof calworksClock,
  ids: { escalationId: string; subjectRef: string; familyId: string; staffId: string },
): DeliverRequest {
  return {
    subject: {
      escalationId: ids.escalationId,
      deadlineId: globalThis.crypto.randomUUID(),
      familyId: ids.familyId,
      countyCode: '06037',
      ownerService: clock.ownerService,
      ruleId: clock.ruleId,
      citation: clock.citation,
      subjectRef: ids.subjectRef,
      dueAt: '2026-12-01T18:00:00Z',
      overdueSince: '2026-12-01T18:00:00Z',
      explanation: clock.explanation,
    },
    kind: 'escalation',
    level: clock.level,
    round: 0,
    recipient: { staffId: ids.staffId, role: 'supervisor', via: 'direct' },
    acknowledgeBy: clock.acknowledgeBy,
    legallyUrgent: false,
    at: '2026-12-01T19:00:00Z',
  };
}
