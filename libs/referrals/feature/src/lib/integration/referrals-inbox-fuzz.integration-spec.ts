import { AuditLog, createAuditMigration } from '@linkages/platform-audit';
import { TrackedDeadlineEntity, deadlineTrackingMigrations } from '@linkages/platform-deadline-tracking';
import { OutboxWriter, messagingMigrations } from '@linkages/platform-messaging';
import { fuzzInbox, recordingStub } from '@linkages/platform-messaging-testing';
import { migratedSchema } from '@linkages/platform-persistence-testing';
import type { TemporalClientHandle } from '@linkages/platform-temporal';
import {
  FamilyResolver,
  IdentityRepository,
  PlanRepository,
  referralsEntities,
  referralsMigrations,
} from '@linkages/referrals-data-access';
import { topics } from '@linkages/shared-contracts';
import { CoordinationProcesses, coordinationEventHandlers } from '../coordination/coordination-event.handlers';
import { FamilyLinker } from '../identity/family-linker';
import { identityEventHandlers } from '../identity/match-keys.handlers';
import { MatchPipeline } from '../identity/match-pipeline';
import { PlanEvaluator } from '../plan/plan-evaluator';
import { planEventHandlers } from '../plan/plan-event.handlers';
import { preventionEventHandlers } from '../prevention/prevention-event.handlers';
import { timelineEventHandlers } from '../timeline/timeline-event.handlers';

describe('bad events at the referrals inbox: dead-lettered with their reason, nothing applied, the partition flows (real PostgreSQL and Kafka)', () => {
  // The referrals schema as apps/referrals/src/persistence.ts migrates it, in a schema of this run's own.
  const db = migratedSchema({
    name: 'it-fuzz-referrals',
    entities: [TrackedDeadlineEntity, ...referralsEntities],
    migrations: (schema) => [
      ...messagingMigrations(schema),
      createAuditMigration(schema),
      ...deadlineTrackingMigrations(schema),
      ...referralsMigrations(schema),
    ],
  });
  /** The coordination processes (Temporal) the handlers signal or start: recorded, so a bad event is seen to reach none. */
  const calls: string[] = [];

  it('fuzzes every topic the worker consumes with its real handlers', async () => {
    // Every slice's handlers, in the order apps/referrals/src/worker.module.ts lists their providers, with the real
    // repositories, matching pipeline, plan evaluator, outbox and audit log of the schema.
    const identity = new IdentityRepository();
    const families = new FamilyResolver();
    const outbox = new OutboxWriter(db.schema, 'referrals');
    const audit = new AuditLog(db.ds, db.schema);
    const pipeline = new MatchPipeline(identity, families, new FamilyLinker(identity, families, outbox, audit), outbox, audit);
    const processes = new CoordinationProcesses(recordingStub<TemporalClientHandle>('temporal', calls));
    const plans = new PlanRepository();
    const handlers = [
      ...identityEventHandlers(identity, families, pipeline),
      ...coordinationEventHandlers(processes, families, pipeline),
      ...planEventHandlers(families, plans, new PlanEvaluator(plans, outbox)),
      ...timelineEventHandlers(families),
      ...preventionEventHandlers(processes, families),
    ];
    // Valid events: each topic's first handled type's catalog example, with ids of its own.
    const report = await fuzzInbox({ service: 'referrals', dataSource: db.ds, schema: db.schema, handlers, sideEffects: () => calls });
    expect(report.topics.sort()).toEqual(
      [
        topics.identityMatchKeys.name,
        topics.cwsCaseEvents.name,
        topics.calworksWtwEvents.name,
        topics.calworksFrAidEvents.name,
        topics.linkagesReferralEvents.name,
        topics.deadlineEvents.name,
      ].sort(),
    );
    for (const topic of report.topics) expect(report.cases[topic]?.length).toBeGreaterThanOrEqual(30);
  }, 90_000);
});
