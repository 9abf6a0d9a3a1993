import { randomUUID } from 'node:crypto';
import {
  AddFrAb429GoodCause1771100000000,
  AddFrMemberProposals1771200000000,
  AssistanceUnitRepository,
  CreateCalworksFrWindowTables1770300000000,
  CreateCalworksHouseholdTables1770000000000,
  CreateCalworksSanctionTables1771000000000,
  FrWindowRepository,
  frWindowEntities,
  householdEntities,
  sanctionEntities,
} from '@linkages/calworks-data-access';
import { createAuditMigration } from '@linkages/platform-audit';
import { TrackedDeadlineEntity, deadlineTrackingMigrations, type TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { createIdempotencyMigration } from '@linkages/platform-http';
import { messagingMigrations } from '@linkages/platform-messaging';
import { fuzzInbox, recordingStub, serviceDatabase, type ServiceDatabase } from '@linkages/platform-messaging-testing';
import type { TemporalClientHandle } from '@linkages/platform-temporal';
import {
  caseClosedEvent,
  casePlanFiledEvent,
  createEvent,
  removalMembersProposedEvent,
  topics,
  type CloudEvent,
} from '@linkages/shared-contracts';
import { frWindowEventHandlers } from './fr-window/fr-window-event.handlers';
import { linkagesPriorityHandlers } from './linkages/linkages-priority.handlers';
import type { SanctionLinkages } from './sanction/sanction-linkages';

const schema = 'calworks';
const county = '06085';

describe('bad events at the CalWORKs inbox: dead-lettered with their reason, nothing applied, the partition flows (real PostgreSQL and Kafka)', () => {
  let db: ServiceDatabase;
  /** What the handlers reach outside the inbox transaction (Temporal, the clocks, the sanction processes): recorded. */
  const calls: string[] = [];

  beforeAll(async () => {
    // CalWORKs' schema as apps/calworks/src/persistence.ts migrates it (its migrations name the schema).
    db = await serviceDatabase({
      name: 'fuzz-calworks',
      schema,
      entities: [TrackedDeadlineEntity, ...householdEntities, ...sanctionEntities, ...frWindowEntities],
      migrations: [
        ...messagingMigrations(schema),
        createAuditMigration(schema),
        createIdempotencyMigration(schema),
        ...deadlineTrackingMigrations(schema),
        CreateCalworksHouseholdTables1770000000000,
        CreateCalworksSanctionTables1771000000000,
        CreateCalworksFrWindowTables1770300000000,
        AddFrAb429GoodCause1771100000000,
        AddFrMemberProposals1771200000000,
      ],
    });
  }, 60_000);
  afterAll(() => db?.close());

  it('fuzzes every topic the worker consumes (CWS case events, Linkages referral events) with its real handlers', async () => {
    // The handler sets apps/calworks/src/worker.module.ts registers (frWindowEventHandlersProvider,
    // linkagesPriorityHandlersProvider), with the real repositories.
    const units = new AssistanceUnitRepository();
    const linkages = recordingStub<SanctionLinkages>('linkages', calls);
    const handlers = [
      ...frWindowEventHandlers(
        recordingStub<TemporalClientHandle>('temporal', calls),
        new FrWindowRepository(),
        units,
        recordingStub<TrackedDeadlines>('clocks', calls),
        linkages,
      ),
      ...linkagesPriorityHandlers(units, linkages),
    ];
    const ctx = { countyCode: county, correlationId: 'it-fuzz-calworks' };
    // Facts of cases and removals CalWORKs does not hold: the handlers look them up and change nothing.
    const validEvent = (topic: string): CloudEvent =>
      topic === topics.cwsCaseEvents.name
        ? (createEvent(
            caseClosedEvent,
            { ...caseClosedEvent.example, caseId: randomUUID() },
            { ...ctx, service: 'child-welfare' },
          ) as CloudEvent)
        : (createEvent(
            removalMembersProposedEvent,
            { ...removalMembersProposedEvent.example, removalId: randomUUID(), auId: randomUUID() },
            { ...ctx, service: 'referrals' },
          ) as CloudEvent);
    const report = await fuzzInbox({
      service: 'calworks',
      dataSource: db.dataSource,
      schema,
      handlers,
      validEvent,
      otherValidEvent: (topic) =>
        topic === topics.cwsCaseEvents.name
          ? (createEvent(
              casePlanFiledEvent,
              { ...casePlanFiledEvent.example, caseId: randomUUID() },
              { ...ctx, service: 'child-welfare' },
            ) as CloudEvent)
          : undefined,
      sideEffects: () => calls,
    });
    expect(report.topics.sort()).toEqual([topics.cwsCaseEvents.name, topics.linkagesReferralEvents.name].sort());
    for (const topic of report.topics) expect(report.cases[topic]?.length).toBeGreaterThanOrEqual(30);
  }, 90_000);
});
