import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { staffIdOf } from '@linkages/platform-access';
import { createAuditMigration } from '@linkages/platform-audit';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { waitFor } from '@linkages/platform-testing';
import { InboxItemEntity, notificationsEntities, notificationsMigrations } from '@linkages/notifications-data-access';
import { notificationsHttp } from '../notifications-http.spec-helper';
import { INBOX_STREAM_OPTIONS, InboxStreamPoller, type InboxStreamOptions } from './inbox-stream.poller';
import { NotificationsInboxModule } from './notifications-inbox.module';

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A text/event-stream read as it arrives: its events, its comment lines, and closing it (the client leaving). */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const pump = (async () => {
    if (!res.ok || !res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n').filter((l) => l !== '')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon) as keyof SseEvent;
              event[field] = (event[field] ? `${event[field]}\n` : '') + line.slice(colon + 1).replace(/^ /, '');
            }
          }
          if (Object.keys(event).length) events.push(event);
        }
      }
    } catch {
      // aborted: the client left
    }
  })();
  return {
    res,
    events,
    comments,
    close: async () => {
      abort.abort();
      await pump;
    },
  };
}

// The inbox routes over HTTP with the platform's own guard (tokens from the stack's development identity provider),
// problem+json and audit log, on a throwaway schema: the REST routes, then the live stream and its resumption.
describe('the inbox API over HTTP (real guard, real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-inbox-api',
    entities: notificationsEntities,
    migrations: (s) => [...notificationsMigrations(s), createAuditMigration(s)],
  });
  const options: InboxStreamOptions = { pollMs: 100, gapGraceMs: 2000, pageSize: 50, heartbeatMs: 300 };
  const http = notificationsHttp(db, NotificationsInboxModule, [{ provide: INBOX_STREAM_OPTIONS, useValue: options }]);
  const { auth } = http;
  const call = (method: 'GET' | 'POST', path: string, user?: string) => http.call(method, path, user);
  const insert = async (username: string, title: string) => {
    const notificationId = globalThis.crypto.randomUUID();
    await db.ds.getRepository(InboxItemEntity).insert({
      notificationId,
      recipientStaffId: staffIdOf(`demo:${username}`),
      kind: 'escalation',
      title,
      body: 'What to do',
      escalationId: globalThis.crypto.randomUUID(),
      deadlineId: globalThis.crypto.randomUUID(),
      level: 1,
      readAt: null,
      archivedAt: null,
      createdAt: new Date(),
    });
    return db.ds.getRepository(InboxItemEntity).findOneByOrFail({ notificationId });
  };
  const auditRows = async () =>
    (await db.ds.query(`SELECT action, record_type, record_id, purpose, outcome, details FROM ${db.s}.audit_log ORDER BY seq`)) as {
      action: string;
      record_type: string;
      record_id: string;
      purpose: string;
      outcome: string;
      details: unknown;
    }[];

  it('lists, reads and archives one’s own items; another’s is 404; bad parameters are 400 problems; writes audited with ids only', async () => {
    const a = await insert('cws-worker', 'a');
    const theirs = await insert('cws-supervisor', 'theirs');
    const list = await call('GET', '/inbox', 'cws-worker');
    expect(list.status).toBe(200);
    expect((list.body['items'] as { title: string }[]).map((i) => i.title)).toEqual(['a']);

    const read = await call('POST', `/inbox/${a.notificationId}/read`, 'cws-worker');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ notificationId: a.notificationId, sequence: String(a.sequence), archivedAt: null });
    const again = await call('POST', `/inbox/${a.notificationId}/read`, 'cws-worker');
    expect(again.body['readAt']).toBe(read.body['readAt']);
    expect((await call('GET', '/inbox?unread=true', 'cws-worker')).body['items']).toEqual([]);
    expect((await call('GET', '/inbox?unread=false', 'cws-worker')).body['items']).toHaveLength(1);

    const other = await call('POST', `/inbox/${theirs.notificationId}/archive`, 'cws-worker');
    expect(other.status).toBe(404);
    expect(other.type).toContain('application/problem+json');
    // Exactly what an id nobody has gets: nothing tells that the item exists.
    const unknownId = globalThis.crypto.randomUUID();
    const unknown = await call('POST', `/inbox/${unknownId}/archive`, 'cws-worker');
    expect([unknown.status, { ...unknown.body, instance: '' }]).toEqual([404, { ...other.body, instance: '' }]);
    expect((await call('POST', `/inbox/${theirs.notificationId}/read`, 'cws-worker')).status).toBe(404);
    expect(await db.ds.getRepository(InboxItemEntity).findOneByOrFail({ notificationId: theirs.notificationId })).toMatchObject({
      readAt: null,
      archivedAt: null,
    });

    expect((await call('POST', `/inbox/${a.notificationId}/archive`, 'cws-worker')).status).toBe(200);
    expect((await call('GET', '/inbox', 'cws-worker')).body['items']).toEqual([]);
    expect((await call('GET', '/inbox?archived=true', 'cws-worker')).body['items']).toEqual([
      expect.objectContaining({ notificationId: a.notificationId }),
    ]);

    for (const bad of ['/inbox?limit=0', '/inbox?limit=101', '/inbox?after=x', '/inbox?unread=yes', '/inbox?color=red']) {
      const res = await call('GET', bad, 'cws-worker');
      expect([bad, res.status, res.type.split(';')[0]]).toEqual([bad, 400, 'application/problem+json']);
    }
    expect((await call('POST', '/inbox/not-a-uuid/read', 'cws-worker')).status).toBe(400);
    expect((await call('GET', '/inbox')).status).toBe(401);
    expect((await call('GET', '/inbox', 'ops')).status).toBe(403);

    const rows = (await auditRows()).filter((r) => r.record_type === 'inbox-item');
    expect(rows.map((r) => [r.purpose, r.record_id, r.outcome])).toEqual([
      ['mark-inbox-item-read', a.notificationId, 'allowed'],
      ['mark-inbox-item-read', a.notificationId, 'allowed'],
      ['archive-inbox-item', theirs.notificationId, 'denied'],
      ['archive-inbox-item', unknownId, 'denied'],
      ['mark-inbox-item-read', theirs.notificationId, 'denied'],
      ['archive-inbox-item', a.notificationId, 'allowed'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/What to do|theirs"/);
  });

  it('streams one’s new items as server-sent events in order, with heartbeats; a reconnect with Last-Event-ID gets only later ones; the poller stops when the client leaves', async () => {
    const poller = http.app.get(InboxStreamPoller);
    const headers = await auth('cws-worker');
    const refused = await fetch(`${http.base}/inbox/stream`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${http.base}/inbox/stream`, { headers: { ...headers, 'last-event-id': 'abc' } })).status).toBe(400);

    const first = await openStream(`${http.base}/inbox/stream`, headers);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toContain('text/event-stream');
    await waitFor(async () => (poller.connected === 1 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 300)); // it has joined at the present: older items are not sent
    const n1 = await insert('cws-worker', 'n1');
    await insert('cws-supervisor', 'not-mine');
    const n2 = await insert('cws-worker', 'n2');
    await waitFor(async () => (first.events.length >= 2 && first.comments.length >= 1 ? true : undefined), {
      timeoutMs: 5000,
      intervalMs: 20,
    });
    expect(first.events.map((e) => [e.id, e.event])).toEqual([
      [String(n1.sequence), 'notification'],
      [String(n2.sequence), 'notification'],
    ]);
    expect(JSON.parse(first.events[0]?.data ?? '{}')).toMatchObject({ notificationId: n1.notificationId, title: 'n1', readAt: null });
    expect(first.comments).toContain('heartbeat');
    await first.close();
    await waitFor(async () => (poller.connected === 0 && !poller.polling ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });

    // Offline, n3 arrives; the client comes back with the id of n1 (as if n2 was lost in transit).
    const n3 = await insert('cws-worker', 'n3');
    const resumed = await openStream(`${http.base}/inbox/stream`, { ...headers, 'last-event-id': String(n1.sequence) });
    await waitFor(async () => (resumed.events.length >= 2 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    const n4 = await insert('cws-worker', 'n4');
    await waitFor(async () => (resumed.events.length >= 3 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.map((e) => e.id)).toEqual([String(n2.sequence), String(n3.sequence), String(n4.sequence)]);
    await resumed.close();

    // ?lastEventId= for clients that cannot set the header.
    const byQuery = await openStream(`${http.base}/inbox/stream?lastEventId=${String(n3.sequence)}`, headers);
    await waitFor(async () => (byQuery.events.length >= 1 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    expect(byQuery.events.map((e) => e.id)).toEqual([String(n4.sequence)]);
    await byQuery.close();
    await waitFor(async () => (poller.connected === 0 && !poller.polling ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
  });

  it('documents the stream as text/event-stream (a string schema) and the rest as JSON', () => {
    const doc = SwaggerModule.createDocument(http.app, new DocumentBuilder().setTitle('t').build());
    const stream = doc.paths['/inbox/stream']?.get?.responses['200'] as { content: Record<string, { schema: { type: string } }> };
    expect(Object.keys(stream.content)).toEqual(['text/event-stream']);
    expect(stream.content['text/event-stream']?.schema.type).toBe('string');
    const read = doc.paths['/inbox/{notificationId}/read']?.post?.responses['200'] as { content: Record<string, unknown> };
    expect(Object.keys(read.content)).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/inbox/{notificationId}/read']?.post?.responses ?? {})).toContain('404');
  });
});
