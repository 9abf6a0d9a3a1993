import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Client } from 'pg';
import type { Client as TemporalClient, Connection } from '@temporalio/client';
import { staffIdOf } from '@linkages/platform-access';
import { Mailpit, devToken, platformTemporalClient, stackEnv, uniqueSuffix, waitFor } from '@linkages/platform-testing';
import { escalationViewQuery, escalationWorkflowId } from '@linkages/notifications-workflows';
import {
  organisationEmailOf,
  platformClient,
  seedLateImmediateReferral,
  startPlatform,
  type RunningPlatform,
} from './platform.spec-helper';

// Issue 14, end to end against `npm start`: a child-welfare clock missed (an immediate response recorded two days
// late, so it is overdue the moment it opens) hands its ladder to notifications, which tells the assignee by e-mail
// (read back from the stack's Mailpit) and stops when the assignee acknowledges.
interface EscalationView {
  status: string;
  level: number;
  recipients: Record<string, { staffId: string; role: string; via: string }[]>;
  next: { level: number; role: string; at: string } | null;
  timeline: { kind: string; level?: number }[];
}

describe('notifications: a missed child-welfare clock escalates by e-mail and stops when acknowledged', () => {
  let platform: RunningPlatform;
  let db: Client;
  let temporal: { connection: Connection; client: TemporalClient };
  const tokens: Record<string, string> = {};
  const { ok, call } = platformClient(() => platform, tokens);
  const mailpit = new Mailpit();
  let receiver: Server;
  const hooks: { headers: Record<string, string>; body: string }[] = [];

  beforeAll(async () => {
    // Development, as `npm start` runs by default: webhook endpoints on loopback are allowed (the receiver below).
    platform = await startPlatform(18_000, { NODE_ENV: 'development' });
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hooks.push({ headers: req.headers as Record<string, string>, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    for (const u of ['cws-worker', 'cws-supervisor', 'calworks-worker', 'admin']) tokens[u] = await devToken(u);
    temporal = await platformTemporalClient();
    db = new Client({ connectionString: stackEnv().DATABASE_URL });
    await db.connect();
  }, 200_000);

  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
    await db?.end();
    await temporal?.connection.close();
    await platform?.stop('SIGINT');
  });

  it('overdue → the assignee notified in the inbox, by e-mail and by signed webhook → acknowledged by link, the ladder stops', async () => {
    // Santa Clara CWS's own system receives the escalations of its county over a signed webhook.
    const endpoint = await ok<{ endpointId: string; secret: string }>('notifications', 'POST', '/webhook-endpoints', 'admin', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/linkages`,
      eventTypes: ['escalation.raised'],
      agency: 'cws',
    });
    const { deadlineId } = await seedLateImmediateReferral(
      (path, body) => ok<{ id: string }>('child-welfare', 'POST', path, 'cws-worker', body),
      async <T>(sql: string, params: unknown[]) => (await db.query(sql, params)).rows as T[],
      {
        calworksCaseNumber: `CW-${uniqueSuffix().slice(0, 8)}`,
        members: [
          { role: 'parent', firstName: 'Zorvath', lastName: 'Quillonby', dateOfBirth: '1990-01-02' },
          { role: 'child', firstName: 'Yelmira', lastName: 'Quillonby', dateOfBirth: '2020-03-04' },
        ],
        reason: 'Injury reported by school',
      },
    );

    // The clock is overdue at once; notifications starts the ladder at level 1 (the assignee: the unit's intake worker).
    const escalationId = await waitFor(
      async () =>
        (
          await db.query<{ escalation_id: string }>(`SELECT escalation_id FROM notifications.escalations WHERE deadline_id = $1`, [
            deadlineId,
          ])
        ).rows[0]?.escalation_id,
      { timeoutMs: 90_000, intervalMs: 1000, what: 'the escalation in the read model' },
    );
    // Read through the API as the assignee: level 1 notified, the supervisor next.
    const worker = staffIdOf('demo:cws-worker');
    const escalation = await waitFor(
      async () => {
        const r = await call<EscalationView>('notifications', 'GET', `/escalations/${deadlineId}`, 'cws-worker');
        return r.status === 200 && r.body.level >= 1 && Object.keys(r.body.recipients).length > 0 ? r.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'level 1 notified' },
    );
    expect(escalation.status).toBe('open');
    expect(escalation.next).toEqual(expect.objectContaining({ level: 2, role: 'supervisor' }));
    expect(
      Object.values(escalation.recipients)
        .flat()
        .map((r) => r.staffId),
    ).toContain(worker);
    // CalWORKs was never notified and supervises nothing here: the escalation is absent for it.
    expect((await call('notifications', 'GET', `/escalations/${deadlineId}`, 'calworks-worker')).status).toBe(404);

    const to = organisationEmailOf('cws-worker');
    const mail = await waitFor(
      async () => {
        for (const m of (await mailpit.messagesTo(to)).reverse()) {
          const full = await mailpit.message(m.ID);
          if (full.Text.includes(escalationId)) return full;
        }
        return undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the escalation e-mail in Mailpit' },
    );
    expect(mail.Text).toContain('cws.er.immediate-response');
    for (const name of ['Zorvath', 'Yelmira', 'Quillonby', '1990-01-02', '2020-03-04']) expect(mail.Text).not.toContain(name);
    const token = /\/ack\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail.Text)?.[1];
    expect(token).toBeDefined();

    // The inbox item, and the webhook, signed by the Standard Webhooks scheme, with no personal data.
    type InboxPage = { items: { escalationId: string; level: number }[]; nextAfter: string | null };
    const inboxItems: InboxPage['items'] = [];
    for (let after: string | null = ''; after !== null;) {
      const page: InboxPage = await ok<InboxPage>(
        'notifications',
        'GET',
        `/inbox?limit=100${after ? `&after=${after}` : ''}`,
        'cws-worker',
      );
      inboxItems.push(...page.items);
      after = page.items.length > 0 ? page.nextAfter : null;
    }
    expect(inboxItems).toEqual(expect.arrayContaining([expect.objectContaining({ escalationId, level: 1 })]));
    const hook = await waitFor(async () => hooks.find((h) => h.body.includes(deadlineId)), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'the escalation webhook',
    });
    const verified = new Webhook(endpoint.secret).verify(hook.body, hook.headers) as { type: string; data: { level: number } };
    expect(verified).toMatchObject({ type: 'escalation.raised', data: { level: 1 } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hook.body, hook.headers)).toThrow();
    for (const name of ['Zorvath', 'Yelmira', 'Quillonby', '1990-01-02', '2020-03-04']) expect(hook.body).not.toContain(name);

    // Not theirs to acknowledge: the supervisor sees it but was not notified yet (403); nothing changed.
    const refused = await call<{ type: string }>('notifications', 'POST', `/escalations/${deadlineId}/acknowledge`, 'cws-supervisor', {});
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/not-your-escalation$/);
    expect((await ok<EscalationView>('notifications', 'GET', `/escalations/${deadlineId}`, 'cws-worker')).status).toBe('open');

    // The link: opening it changes nothing; posting it acknowledges once; a second use is gone.
    const page = await fetch(platform.url('notifications', `/ack/${token}`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Level 1');
    expect((await ok<EscalationView>('notifications', 'GET', `/escalations/${deadlineId}`, 'cws-worker')).status).toBe('open');
    const confirmed = await fetch(platform.url('notifications', `/ack/${token}`), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const acknowledged = (await confirmed.json()) as EscalationView;
    expect(acknowledged.status).toBe('acknowledged');
    expect(acknowledged.timeline.map((t) => t.kind)).toContain('acknowledged');
    expect((await fetch(platform.url('notifications', `/ack/${token}`), { method: 'POST' })).status).toBe(410);
    // Twice through the API is refused too.
    const twice = await call<{ type: string }>('notifications', 'POST', `/escalations/${deadlineId}/acknowledge`, 'cws-worker', {
      note: 'Contact scheduled this morning',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toMatch(/escalation-not-open$/);
    const row = (
      await db.query<{ status: string }>(`SELECT status FROM notifications.escalations WHERE escalation_id = $1`, [escalationId])
    ).rows[0];
    expect(row?.status).toBe('acknowledged');
    // The process says the same.
    const view = (await temporal.client.workflow.getHandle(escalationWorkflowId(deadlineId)).query(escalationViewQuery)) as EscalationView;
    expect(view.status).toBe('acknowledged');
  }, 240_000);
});
