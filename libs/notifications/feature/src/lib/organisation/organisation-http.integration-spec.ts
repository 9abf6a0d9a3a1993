import 'reflect-metadata';
import { join } from 'node:path';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { staffIdOf } from '@linkages/platform-access';
import { createAuditMigration } from '@linkages/platform-audit';
import { repoRoot } from '@linkages/platform-config';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { organisationEntities, organisationMigrations } from '@linkages/notifications-data-access';
import { notificationsHttp, slug } from '../notifications-http.spec-helper';
import { NotificationsOrganisationModule } from './notifications-organisation.module';
import { ORGANISATION_FILE } from './organisation.seeder';
import { absenceResultResponse, personResponse, preferencesResponse, unitResponse } from './organisation.schemas';

// The organisation edit and preference routes over HTTP with the platform's guard (the stack's dev IdP tokens),
// problem+json and the real audit log: status codes, permissions, path and body validation, and the documents.
describe('the organisation edit and preference routes over HTTP (real guard, real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-organisation-http',
    entities: organisationEntities,
    migrations: (s) => [...organisationMigrations(s), createAuditMigration(s)],
  });
  const http = notificationsHttp(db, NotificationsOrganisationModule, [
    { provide: ORGANISATION_FILE, useValue: join(repoRoot(), 'infra', 'local', 'organisation.json') },
  ]);
  const { call } = http;
  const auditRows = async () =>
    (await db.ds.query(`SELECT action, record_type, record_id, outcome, details FROM ${db.s}.audit_log ORDER BY seq`)) as {
      action: string;
      record_type: string;
      record_id: string;
      outcome: string;
      details: unknown;
    }[];

  it('answers each route with its documented code and schema; a worker without organisation.write is 403; bad input is a 400 problem', async () => {
    const added = await call('POST', '/organisation/people', 'cws-supervisor', {
      subject: 'demo:http-newcomer',
      displayName: 'Http Newcomer (test)',
      email: 'http.newcomer@example.org',
      unitId: 'scc-cws-er-1',
    });
    expect(added.status).toBe(201);
    personResponse.parse(added.body);
    const staffId = staffIdOf('demo:http-newcomer');

    const changed = await call('PUT', `/organisation/people/${staffId}`, 'cws-supervisor', { channels: { email: false, webhook: false } });
    expect([changed.status, changed.body['channels']]).toEqual([200, { email: false, webhook: false }]);

    const absence = await call('POST', `/organisation/people/${staffId}/absences`, 'cws-supervisor', {
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
      reasonCode: 'leave',
    });
    expect(absence.status).toBe(201);
    const { absence: made } = absenceResultResponse.parse(absence.body);
    const ended = await call('POST', `/organisation/people/${staffId}/absences/${made.absenceId}/end`, 'cws-supervisor');
    expect(ended.status).toBe(200);
    expect(absenceResultResponse.parse(ended.body).absence.endedAt).toBeDefined();
    expect(slug(await call('POST', `/organisation/people/${staffId}/absences/${made.absenceId}/end`, 'cws-supervisor'))).toBe(
      'absence-not-open',
    );

    const unit = await call('PUT', '/organisation/units/scc-cws-er-1', 'cws-supervisor', { name: 'ER 1 (renamed over HTTP)' });
    expect(unit.status).toBe(200);
    unitResponse.parse(unit.body);

    const prefs = await call('PUT', '/me/preferences', 'cws-worker', {
      quietHours: { start: '21:00', end: '06:30' },
      channels: { email: true, webhook: false },
    });
    expect(prefs.status).toBe(200);
    expect(preferencesResponse.parse(prefs.body).legallyUrgent).toContain('coverage');
    expect((await call('GET', '/me/preferences', 'cws-worker')).body).toEqual(prefs.body);

    const forbidden = await call('PUT', '/organisation/units/scc-cws-er-1', 'cws-worker', { name: 'x' });
    expect([forbidden.status, slug(forbidden)]).toEqual([403, 'forbidden']);
    expect(forbidden.type).toContain('application/problem+json');
    const badUnit = await call('PUT', '/organisation/units/Not%20A%20Unit', 'cws-supervisor', { name: 'x' });
    expect([badUnit.status, badUnit.body['errors']]).toEqual([400, [{ field: 'path.unitId', message: 'must be a unit id' }]]);
    const badTime = await call('PUT', '/me/preferences', 'cws-worker', {
      quietHours: { start: '25:00', end: '06:00' },
      channels: { email: true, webhook: false },
    });
    expect([badTime.status, (badTime.body['errors'] as { field: string }[])[0]?.field]).toEqual([400, 'body.quietHours.start']);
    const same = await call('PUT', '/me/preferences', 'cws-worker', {
      quietHours: { start: '06:00', end: '06:00' },
      channels: { email: true, webhook: false },
    });
    expect(same.status).toBe(400);
    const backwards = await call('POST', `/organisation/people/${staffId}/absences`, 'cws-supervisor', {
      from: '2026-12-09T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      reasonCode: 'leave',
    });
    expect([backwards.status, (backwards.body['errors'] as { field: string }[])[0]?.field]).toEqual([400, 'body.to']);
    expect((await call('PUT', `/organisation/people/${staffId}`, 'cws-supervisor', {})).status).toBe(400);
    // The platform admin has no inbox (notifications.inbox), so no preferences either.
    const admin = await call('GET', '/me/preferences', 'admin');
    expect([admin.status, slug(admin)]).toEqual([403, 'forbidden']);

    const rows = await auditRows();
    expect(rows.filter((r) => r.outcome === 'allowed').map((r) => `${r.action} ${r.record_type}`)).toEqual([
      'create staff-person',
      'update staff-person',
      'create staff-absence',
      'update staff-absence',
      'update staff-unit',
      'update staff-preferences',
    ]);
    expect(rows).toContainEqual(expect.objectContaining({ action: 'deny', record_type: 'staff-absence', outcome: 'denied' }));
    expect(JSON.stringify(rows)).not.toMatch(/Newcomer|example\.org|renamed/);
  });

  it('documents each route’s success code with a JSON schema and the problems its code path raises', () => {
    const doc = SwaggerModule.createDocument(http.app, new DocumentBuilder().setTitle('t').build());
    const responses = (path: string, method: 'get' | 'post' | 'put') => doc.paths[path]?.[method]?.responses ?? {};
    const expectations: [string, 'get' | 'post' | 'put', string, string[]][] = [
      ['/organisation/people', 'post', '201', ['400', '404', '409', '422']],
      ['/organisation/people/{staffId}', 'put', '200', ['400', '404', '422']],
      ['/organisation/people/{staffId}/absences', 'post', '201', ['400', '404', '409', '422']],
      ['/organisation/people/{staffId}/absences/{absenceId}/end', 'post', '200', ['400', '404', '409', '422']],
      ['/organisation/units/{unitId}', 'put', '200', ['400', '404', '422']],
      ['/me/preferences', 'get', '200', ['404']],
      ['/me/preferences', 'put', '200', ['400', '404']],
    ];
    for (const [path, method, success, problems] of expectations) {
      const r = responses(path, method);
      expect([path, Object.keys((r[success] as { content?: object })?.content ?? {})]).toEqual([path, ['application/json']]);
      expect(Object.keys(r)).toEqual(expect.arrayContaining(problems));
    }
  });
});
