import { migratedSchema } from '@linkages/platform-persistence-testing';
import { OutboxWriter, createMessagingMigration } from '@linkages/platform-messaging';
import { EscalationRepository, escalationEntities, escalationMigrations } from '@linkages/notifications-data-access';
import type { RecordEscalationRequest } from '@linkages/notifications-domain';
import { createEscalationActivities } from './escalation.activities';

// recordEscalation against the real PostgreSQL: the row upserted, the entry appended, the event in the outbox in the
// same transaction, and a retry (same entry) writing nothing twice.
describe('recordEscalation (real PostgreSQL)', () => {
  const db = migratedSchema({
    name: 'it-escalation-record',
    entities: escalationEntities,
    migrations: (schema) => [createMessagingMigration(schema), ...escalationMigrations(schema)],
  });

  it('upserts the row, appends the entry once and publishes once through the outbox', async () => {
    const outbox = new OutboxWriter(db.schema, 'notifications');
    const activities = createEscalationActivities({ dataSource: db.ds, outbox });
    const escalationId = globalThis.crypto.randomUUID();
    const subject = {
      escalationId,
      deadlineId: globalThis.crypto.randomUUID(),
      familyId: globalThis.crypto.randomUUID(),
      countyCode: '06085',
      ownerService: 'child-welfare' as const,
      ruleId: 'cws.er.ten-day-response',
      citation: 'MPP 31-101',
      subjectRef: 'referral/x',
      dueAt: '2026-12-01T17:00:00.000Z',
      overdueSince: '2026-12-01T17:00:00.000Z',
    };
    const raised: RecordEscalationRequest = {
      subject,
      status: 'open',
      level: 1,
      entry: { at: '2026-12-01T17:00:01.000Z', kind: 'level-raised', level: 1, detail: { role: 'assigned-worker' } },
      next: { level: 2, role: 'supervisor', at: '2026-12-01T21:00:01.000Z' },
      publish: { type: 'escalation-raised', level: 1, role: 'assigned-worker', acknowledgeBy: '2026-12-01T21:00:01.000Z' },
    };
    await activities.recordEscalation(raised);
    await activities.recordEscalation(raised); // a retry
    await activities.recordEscalation({
      ...raised,
      status: 'acknowledged',
      entry: { at: '2026-12-01T18:00:00.000Z', kind: 'acknowledged', level: 1, detail: {} },
      publish: {
        type: 'escalation-acknowledged',
        level: 1,
        acknowledgedBy: globalThis.crypto.randomUUID(),
        acknowledgedAt: '2026-12-01T18:00:00.000Z',
      },
    });
    const { row, timeline } = await new EscalationRepository().find(db.ds.manager, escalationId);
    expect(row).toMatchObject({ status: 'acknowledged', level: 1, next: { level: 2, role: 'supervisor' } });
    expect(timeline.map((e) => e.kind)).toEqual(['level-raised', 'acknowledged']);
    const events = (await db.ds.query(`SELECT topic FROM "${db.schema}".outbox`)) as { topic: string }[];
    expect(events).toHaveLength(2);
  });
});
