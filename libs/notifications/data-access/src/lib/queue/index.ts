import { DeadlineQueueEventEntity } from './deadline-queue-event.entity';
import { DeadlineQueueItemEntity } from './deadline-queue-item.entity';

export * from './create-notifications-deadline-queue-tables.migration';
export * from './deadline-queue-event.entity';
export * from './deadline-queue-item.entity';
export * from './deadline-queue.repository';

export const deadlineQueueEntities = [DeadlineQueueItemEntity, DeadlineQueueEventEntity];
