export * from './deadline-queue';
