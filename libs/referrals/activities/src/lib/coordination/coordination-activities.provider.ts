import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CoordinationRepository, FamilyResolver } from '@linkages/referrals-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { TEMPORAL, type ActivitiesProvider, type TemporalClientHandle } from '@linkages/platform-temporal';
import { createCoordinationActivities } from './coordination.activities';

export const COORDINATION_ACTIVITIES = Symbol('COORDINATION_ACTIVITIES');

/** The coordination process's activities for the referrals worker (CoordinationRepository and FamilyResolver go in WorkerOptions.providers). */
export const coordinationActivitiesProvider: ActivitiesProvider = {
  provide: COORDINATION_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter, TrackedDeadlines, CoordinationRepository, FamilyResolver, TEMPORAL],
  useFactory: (
    dataSource: DataSource,
    outbox: OutboxWriter,
    clocks: TrackedDeadlines,
    coordination: CoordinationRepository,
    families: FamilyResolver,
    temporal: TemporalClientHandle,
  ) => createCoordinationActivities({ dataSource, outbox, clocks, coordination, families, temporal }),
};
