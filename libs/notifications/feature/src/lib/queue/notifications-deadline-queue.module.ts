import { Module } from '@nestjs/common';
import { DeadlineQueueRepository, OrganisationRepository } from '@linkages/notifications-data-access';
import { AssignWorkCommand } from '../organisation/assign-work.command';
import { DeadlineQueueController } from './deadline-queue.controller';
import { DeadlineQueueViews } from './deadline-queue.view';
import { ListDeadlineQueueQuery } from './list-deadline-queue.query';
import { ReadDeadlineQueueItemQuery } from './read-deadline-queue-item.query';
import { ReassignDeadlineCommand } from './reassign-deadline.command';

/** The supervisor's deadline queue API (issue 15 items 2–3): list, read with its timeline, re-assign. */
@Module({
  controllers: [DeadlineQueueController],
  providers: [
    DeadlineQueueRepository,
    OrganisationRepository,
    AssignWorkCommand,
    DeadlineQueueViews,
    ListDeadlineQueueQuery,
    ReadDeadlineQueueItemQuery,
    ReassignDeadlineCommand,
  ],
})
export class NotificationsDeadlineQueueModule {}
