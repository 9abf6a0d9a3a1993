import { randomUUID } from 'node:crypto';
import { messagingMigrations } from '@linkages/platform-messaging';
import { fuzzInbox } from '@linkages/platform-messaging-testing';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import {
  DeadlineQueueRepository,
  OrganisationRepository,
  notificationsEntities,
  notificationsMigrations,
} from '@linkages/notifications-data-access';
import { createEvent, deadlineDueEvent, deadlineSatisfiedEvent, type CloudEvent } from '@linkages/shared-contracts';
import { DeadlineQueueRecorder } from '../queue/deadline-queue.recorder';
import { deadlineEventHandlers } from './deadline-event.handlers';
import type { EscalationProcesses } from './escalation-processes';

const ctx = { service: 'referrals', countyCode: '06085', correlationId: 'it-fuzz-notifications' };

describe('bad deadline events at the notifications inbox: dead-lettered with their reason, nothing applied, the partition flows (real PostgreSQL and Kafka)', () => {
  const db = migratedSchema({
    name: 'it-fuzz-notifications',
    entities: notificationsEntities,
    migrations: (schema) => [...messagingMigrations(schema), ...notificationsMigrations(schema)],
  });
  /** The escalation processes (Temporal) the handlers would start or tell: recorded, so a bad event is seen to start none. */
  const calls: string[] = [];
  const processes = {
    notice: async () => void calls.push('notice'),
    start: async () => void calls.push('start'),
    deadlineChanged: async () => void calls.push('deadlineChanged'),
  } as unknown as EscalationProcesses;

  it('fuzzes every topic the worker consumes with its real handlers', async () => {
    // The handlers as deadlineEventHandlersProvider builds them for the worker (apps/notifications/src/worker.module.ts).
    const handlers = deadlineEventHandlers(
      processes,
      new DeadlineQueueRecorder(new DeadlineQueueRepository(), new OrganisationRepository()),
    );
    const report = await fuzzInbox({
      service: 'notifications',
      dataSource: db.ds,
      schema: db.schema,
      handlers,
      // A due deadline: recorded in the supervisor's deadline queue (a row in the queue's tables), no process.
      validEvent: () => createEvent(deadlineDueEvent, { ...deadlineDueEvent.example, deadlineId: randomUUID() }, ctx) as CloudEvent,
      otherValidEvent: () =>
        createEvent(deadlineSatisfiedEvent, { ...deadlineSatisfiedEvent.example, deadlineId: randomUUID() }, ctx) as CloudEvent,
      sideEffects: () => calls,
    });
    expect(report.topics).toEqual([deadlineDueEvent.topic.name]);
    expect(report.cases[deadlineDueEvent.topic.name]?.length).toBeGreaterThanOrEqual(30);
    // The valid ones were applied by the real handler: queue items for them.
    const [row] = (await db.ds.query(`SELECT count(*)::int AS n FROM ${db.s}.deadline_queue_items`)) as [{ n: number }];
    expect(row.n).toBe(3);
  }, 90_000);
});
