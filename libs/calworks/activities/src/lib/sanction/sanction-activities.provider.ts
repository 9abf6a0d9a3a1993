import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SanctionRepository } from '@linkages/calworks-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { createSanctionActivities } from './sanction.activities';

export const SANCTION_ACTIVITIES = Symbol('SANCTION_ACTIVITIES');

/** The sanction workflow's activities for the CalWORKs worker (SanctionRepository goes in WorkerOptions.providers). */
export const sanctionActivitiesProvider: ActivitiesProvider = {
  provide: SANCTION_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter, TrackedDeadlines, SanctionRepository],
  useFactory: (dataSource: DataSource, outbox: OutboxWriter, clocks: TrackedDeadlines, sanctions: SanctionRepository) =>
    createSanctionActivities({ dataSource, outbox, clocks, sanctions }),
};
