import { randomUUID } from 'node:crypto';
import { MONTHLY_VISIT_RULE } from '@linkages/child-welfare-domain';
import {
  AddCasePlanFrRecommendations1769100000000,
  AddFrServicesGoodCause1769200000000,
  CaseRepository,
  CreateChildWelfareTables1769000000000,
  cwsEntities,
} from '@linkages/child-welfare-data-access';
import { createAuditMigration } from '@linkages/platform-audit';
import { TrackedDeadlineEntity, deadlineTrackingMigrations } from '@linkages/platform-deadline-tracking';
import { createIdempotencyMigration } from '@linkages/platform-http';
import { messagingMigrations } from '@linkages/platform-messaging';
import { fuzzInbox, serviceDatabase, type ServiceDatabase } from '@linkages/platform-messaging-testing';
import { createEvent, deadlineDueEvent, type CloudEvent } from '@linkages/shared-contracts';
import type { MonthlyVisitClocks } from './case/monthly-visit.clocks';
import { childWelfareEventHandlers } from './monthly-visit.handlers';

const schema = 'child_welfare';

describe('bad events at the child welfare inbox: dead-lettered with their reason, nothing applied, the partition flows (real PostgreSQL and Kafka)', () => {
  let db: ServiceDatabase;
  /** The clocks the handler would open (deadline commands): recorded, so a bad event is seen to open none. */
  const opened: unknown[] = [];
  const visitClocks = { open: async (...args: unknown[]) => void opened.push(args) } as unknown as MonthlyVisitClocks;

  beforeAll(async () => {
    // Child welfare's schema as apps/child-welfare/src/persistence.ts migrates it (its migrations name the schema).
    db = await serviceDatabase({
      name: 'fuzz-cws',
      schema,
      entities: [TrackedDeadlineEntity, ...cwsEntities],
      migrations: [
        ...messagingMigrations(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        CreateChildWelfareTables1769000000000,
        AddCasePlanFrRecommendations1769100000000,
        AddFrServicesGoodCause1769200000000,
      ],
    });
  }, 60_000);
  afterAll(() => db?.close());

  it('fuzzes every topic the worker consumes with its real handlers', async () => {
    // The handlers as childWelfareEventHandlersProvider builds them for the worker (apps/child-welfare/src/worker.module.ts).
    const handlers = childWelfareEventHandlers(visitClocks, new CaseRepository());
    const report = await fuzzInbox({
      service: 'child-welfare',
      dataSource: db.dataSource,
      schema,
      handlers,
      // A month's visit clock due for a case the county does not hold: the handler looks the case up, opens nothing.
      validEvent: () =>
        createEvent(
          deadlineDueEvent,
          {
            ...deadlineDueEvent.example,
            deadlineId: randomUUID(),
            ruleId: MONTHLY_VISIT_RULE,
            subjectRef: `case/${randomUUID()}/visit-${randomUUID()}-2026-11`,
          },
          { service: 'child-welfare', countyCode: '06085', correlationId: 'it-fuzz-cws' },
        ) as CloudEvent,
      sideEffects: () => opened,
    });
    expect(report.topics).toEqual([deadlineDueEvent.topic.name]);
    expect(report.cases[deadlineDueEvent.topic.name]?.length).toBeGreaterThanOrEqual(30);
  }, 90_000);
});
