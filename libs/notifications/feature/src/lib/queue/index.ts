export * from './deadline-queue.recorder';
export * from './deadline-queue.schemas';
export * from './notifications-deadline-queue.module';
