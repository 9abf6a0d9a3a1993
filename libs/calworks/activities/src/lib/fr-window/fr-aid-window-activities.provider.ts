import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FrWindowRepository, WtwParticipantRepository } from '@linkages/calworks-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { createFrAidWindowActivities } from './fr-aid-window.activities';

export const FR_AID_WINDOW_ACTIVITIES = Symbol('FR_AID_WINDOW_ACTIVITIES');

/**
 * The FR aid process's activities for the CalWORKs worker (FrWindowRepository and WtwParticipantRepository go in
 * WorkerOptions.providers).
 */
export const frAidWindowActivitiesProvider: ActivitiesProvider = {
  provide: FR_AID_WINDOW_ACTIVITIES,
  inject: [getDataSourceToken(), OutboxWriter, TrackedDeadlines, FrWindowRepository, WtwParticipantRepository],
  useFactory: (
    dataSource: DataSource,
    outbox: OutboxWriter,
    clocks: TrackedDeadlines,
    frWindows: FrWindowRepository,
    participants: WtwParticipantRepository,
  ) =>
    createFrAidWindowActivities({
      dataSource,
      outbox,
      clocks,
      frWindows,
      participantOf: async (tx, memberId) => (await participants.ofMember(tx, memberId))?.id,
    }),
};
