import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createAuditMigration } from '@linkages/platform-audit';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import { notificationsEntities, notificationsMigrations } from '@linkages/notifications-data-access';
import { notificationsHttp, slug } from '../notifications-http.spec-helper';
import { NotificationsReportsModule } from './notifications-reports.module';
import { timelinessReportResponse } from './timeliness-report.schemas';

// GET /reports/timeliness over HTTP with the platform's guard (the stack's dev IdP tokens), problem+json and the real
// audit log: who may read it, strict query validation, and what the document says.
describe('the timeliness report route over HTTP (real guard, real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-reports-http',
    entities: notificationsEntities,
    migrations: (s) => [...notificationsMigrations(s), createAuditMigration(s)],
  });
  const http = notificationsHttp(db, NotificationsReportsModule);
  const get = (path: string, user: string) => http.call('GET', path, user);

  it('answers a supervisor of either agency; refuses workers (403 reports-supervisors-only) and those without escalation.read', async () => {
    for (const user of ['cws-supervisor', 'calworks-supervisor']) {
      const r = await get('/reports/timeliness?from=2026-01&to=2026-06&groupBy=rule,unit,county,month', user);
      expect([user, r.status]).toEqual([user, 200]);
      expect(timelinessReportResponse.parse(r.body)).toMatchObject({
        from: '2026-01',
        to: '2026-06',
        groupBy: ['rule', 'unit', 'county', 'month'],
        timeZone: 'America/Los_Angeles',
        rows: [],
      });
    }
    for (const user of ['cws-worker', 'calworks-worker', 'liaison']) {
      const r = await get('/reports/timeliness', user);
      expect([user, r.status, slug(r)]).toEqual([user, 403, 'reports-supervisors-only']);
      expect(r.type).toContain('application/problem+json');
    }
    const noPermission = await get('/reports/timeliness', 'admin');
    expect([noPermission.status, slug(noPermission)]).toEqual([403, 'forbidden']);
    const rows = (await db.ds.query(
      `SELECT action, outcome, record_county, details FROM ${db.s}.audit_log WHERE purpose = 'timeliness-report' ORDER BY seq`,
    )) as { action: string; outcome: string; record_county: string; details: Record<string, unknown> }[];
    expect(rows.map((r) => [r.action, r.outcome, r.record_county])).toEqual([
      ['read', 'allowed', '06085'],
      ['read', 'allowed', '06085'],
      ['deny', 'denied', '06085'],
      ['deny', 'denied', '06085'],
      ['deny', 'denied', '06085'],
    ]);
    expect(rows[0]?.details).toEqual({
      from: '2026-01',
      to: '2026-06',
      groupBy: ['rule', 'unit', 'county', 'month'],
      filters: {},
      rows: 0,
    });
  });

  it('validates the query strictly (400 problem+json with the field)', async () => {
    const cases: [string, string][] = [
      ['from=2026-13', 'query.from'],
      ['groupBy=rule,team', 'query.groupBy'],
      ['from=2026-05&to=2026-04', 'query.from'],
      ['from=2023-01&to=2026-01', 'query.to'],
      ['colour=red', ''],
    ];
    for (const [q, field] of cases) {
      const r = await get(`/reports/timeliness?${q}`, 'cws-supervisor');
      expect([q, r.status, slug(r)]).toEqual([q, 400, 'validation']);
      if (field) expect((r.body['errors'] as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('documents the route: its query parameters, the success schema and its problems', () => {
    const doc = SwaggerModule.createDocument(http.app, new DocumentBuilder().setTitle('t').build());
    const op = doc.paths['/reports/timeliness']?.get;
    expect((op?.parameters ?? []).map((p) => ('name' in p ? p.name : '')).sort()).toEqual([
      'from',
      'groupBy',
      'program',
      'ruleId',
      'to',
      'unitId',
    ]);
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '403']));
    expect(JSON.stringify(op?.responses['403'])).toContain('reports-supervisors-only');
  });
});
