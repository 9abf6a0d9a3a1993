import 'reflect-metadata';
import { join } from 'node:path';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { staffIdOf } from '@linkages/platform-access';
import { createAuditMigration } from '@linkages/platform-audit';
import { repoRoot } from '@linkages/platform-config';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { createEvent, deadlineOverdueEvent, type CloudEvent } from '@linkages/shared-contracts';
import {
  DeadlineQueueRepository,
  OrganisationRepository,
  notificationsEntities,
  notificationsMigrations,
} from '@linkages/notifications-data-access';
import { notificationsHttp, slug } from '../notifications-http.spec-helper';
import { OrganisationSeeder } from '../organisation/organisation.seeder';
import { DeadlineQueueRecorder, type QueueDeadlineData } from './deadline-queue.recorder';
import { deadlineQueueItem, deadlineQueueItemResponse, deadlineQueueResponse } from './deadline-queue.schemas';
import { NotificationsDeadlineQueueModule } from './notifications-deadline-queue.module';

// The deadline queue's routes over HTTP with the platform's guard (the stack's dev IdP tokens), problem+json, the real
// audit log and the local organisation: permissions, query validation, paging, 404s, re-assignment, the document.
describe('the deadline queue routes over HTTP (real guard, real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-deadline-queue-http',
    entities: notificationsEntities,
    migrations: (s) => [...notificationsMigrations(s), createAuditMigration(s)],
  });
  const deadlines = [globalThis.crypto.randomUUID(), globalThis.crypto.randomUUID()];
  const worker = staffIdOf('demo:cws-worker');

  beforeAll(async () => {
    const organisation = new OrganisationRepository();
    await new OrganisationSeeder(db.ds, organisation, join(repoRoot(), 'infra', 'local', 'organisation.json')).seed();
    const recorder = new DeadlineQueueRecorder(new DeadlineQueueRepository(), organisation);
    for (const [i, deadlineId] of deadlines.entries()) {
      const event = createEvent(
        deadlineOverdueEvent,
        {
          deadlineId,
          familyId: globalThis.crypto.randomUUID(),
          ruleId: 'cws.er.response-10-day',
          citation: 'WIC 16501(f)',
          subjectRef: `referral/${globalThis.crypto.randomUUID()}`,
          ownerService: 'child-welfare',
          dueAt: `2026-11-2${i}T08:00:00Z`,
          overdueSince: `2026-11-2${i}T08:00:00Z`,
          escalationLevel: 0,
        },
        {
          service: 'child-welfare',
          countyCode: '06085',
          correlationId: 'it-deadline-queue-http',
          time: new Date(`2026-11-2${i}T08:00:01Z`),
        },
      ) as CloudEvent<QueueDeadlineData>;
      await db.ds.transaction((tx) => recorder.record(tx, event, { kind: 'overdue', detail: { overdueSince: event.data.dueAt } }));
    }
  }, 60_000);
  const http = notificationsHttp(db, NotificationsDeadlineQueueModule);
  const { call } = http;

  it('lists, pages and filters for the CWS supervisor; validates the query strictly; others see nothing', async () => {
    const all = await call('GET', '/deadline-queue', 'cws-supervisor');
    expect(all.status).toBe(200);
    const page = deadlineQueueResponse.parse(all.body);
    expect(page.items.map((i) => i.deadlineId)).toEqual(deadlines);
    expect(page.items[0]).toMatchObject({ state: 'overdue', agency: 'cws', program: 'cws-emergency-response', unitId: 'scc-cws-er-1' });
    const first = deadlineQueueResponse.parse(
      (await call('GET', '/deadline-queue?limit=1&state=overdue,escalated', 'cws-supervisor')).body,
    );
    expect(first.items.map((i) => i.deadlineId)).toEqual([deadlines[0]]);
    const second = await call('GET', `/deadline-queue?limit=1&cursor=${first.nextCursor ?? ''}`, 'cws-supervisor');
    expect(deadlineQueueResponse.parse(second.body)).toMatchObject({ items: [{ deadlineId: deadlines[1] }], nextCursor: null });
    expect(deadlineQueueResponse.parse((await call('GET', '/deadline-queue?agency=calworks', 'cws-supervisor')).body).items).toEqual([]);
    expect(deadlineQueueResponse.parse((await call('GET', '/deadline-queue', 'calworks-supervisor')).body).items).toEqual([]);

    const badState = await call('GET', '/deadline-queue?state=late', 'cws-supervisor');
    expect([badState.status, slug(badState), (badState.body['errors'] as { field: string }[])[0]?.field]).toEqual([
      400,
      'validation',
      'query.state',
    ]);
    expect(badState.type).toContain('application/problem+json');
    expect((await call('GET', '/deadline-queue?colour=red', 'cws-supervisor')).status).toBe(400);
    expect((await call('GET', '/deadline-queue?limit=0', 'cws-supervisor')).status).toBe(400);
    expect((await call('GET', '/deadline-queue?cursor=!!', 'cws-supervisor')).status).toBe(400);
    const forbidden = await call('GET', '/deadline-queue', 'admin');
    expect([forbidden.status, slug(forbidden)]).toEqual([403, 'forbidden']);
  });

  it('reads one deadline with its timeline; another agency’s or an unknown one is 404', async () => {
    const r = await call('GET', `/deadline-queue/${deadlines[0]}`, 'cws-supervisor');
    expect(r.status).toBe(200);
    expect(deadlineQueueItemResponse.parse(r.body).timeline.map((t) => t.kind)).toEqual(['overdue']);
    expect(slug(await call('GET', `/deadline-queue/${deadlines[0]}`, 'calworks-supervisor'))).toBe('not-found');
    expect((await call('GET', `/deadline-queue/${globalThis.crypto.randomUUID()}`, 'cws-supervisor')).status).toBe(404);
    expect((await call('GET', '/deadline-queue/not-a-uuid', 'cws-supervisor')).status).toBe(400);
  });

  it('re-assigns as the supervisor; the new assignee (a worker) sees it and may not re-assign it (403); bad bodies are 400', async () => {
    const path = `/deadline-queue/${deadlines[1]}/reassign`;
    const done = await call('POST', path, 'cws-supervisor', { staffId: worker, reason: 'Knows the family' });
    expect(done.status).toBe(200);
    expect(deadlineQueueItem.parse(done.body).assignee).toEqual({ staffId: worker, displayName: 'Dana Reyes (demo)' });
    const mine = deadlineQueueResponse.parse((await call('GET', '/deadline-queue', 'cws-worker')).body);
    expect(mine.items.map((i) => i.deadlineId)).toEqual([deadlines[1]]);
    const refused = await call('POST', path, 'cws-worker', { staffId: worker, reason: 'Mine' });
    expect([refused.status, slug(refused)]).toEqual([403, 'not-your-unit']);
    const other = await call('POST', path, 'cws-supervisor', { staffId: staffIdOf('demo:calworks-worker'), reason: 'Other agency' });
    expect([other.status, slug(other)]).toEqual([422, 'assignee-not-eligible']);
    expect((await call('POST', path, 'cws-supervisor', { staffId: worker, reason: '' })).status).toBe(400);
    expect((await call('POST', path, 'cws-supervisor', { staffId: worker, reason: 'x', extra: 1 })).status).toBe(400);
    const rows = (await db.ds.query(`SELECT action, record_type, purpose, outcome, reason FROM ${db.s}.audit_log ORDER BY seq`)) as {
      action: string;
      record_type: string;
      purpose: string;
      outcome: string;
      reason: string | null;
    }[];
    expect(rows.filter((r) => r.purpose === 'reassign-deadline').map((r) => [r.action, r.outcome, r.reason])).toEqual([
      ['update', 'allowed', 'Knows the family'],
      ['deny', 'denied', 'Mine'],
      ['deny', 'denied', 'Other agency'],
    ]);
    const item = (await db.ds.query(`SELECT assignee_staff_id FROM ${db.s}.deadline_queue_items WHERE deadline_id = $1`, [
      deadlines[1],
    ])) as { assignee_staff_id: string }[];
    expect(item[0]?.assignee_staff_id).toBe(worker);
  });

  it('documents the routes: query parameters, success schemas and the problems each raises', () => {
    const doc = SwaggerModule.createDocument(http.app, new DocumentBuilder().setTitle('t').build());
    const list = doc.paths['/deadline-queue']?.get;
    expect((list?.parameters ?? []).map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['state', 'unitId', 'staffId', 'program', 'ruleId', 'agency', 'limit', 'cursor']),
    );
    const expectations: [string, 'get' | 'post', string[]][] = [
      ['/deadline-queue', 'get', ['200', '400']],
      ['/deadline-queue/{deadlineId}', 'get', ['200', '400', '404']],
      ['/deadline-queue/{deadlineId}/reassign', 'post', ['200', '400', '403', '404', '422']],
    ];
    for (const [path, method, codes] of expectations) {
      const r = doc.paths[path]?.[method]?.responses ?? {};
      expect([path, Object.keys(r)]).toEqual([path, expect.arrayContaining(codes)]);
      expect(Object.keys((r['200'] as { content?: object })?.content ?? {})).toEqual(['application/json']);
    }
  });
});
