export * from './lib/kafka-client';
export * from './lib/messaging.migration';
export * from './lib/outbox';
export * from './lib/outbox-relay';
export * from './lib/inbox-consumer';
export * from './lib/topics-admin';
export * from './lib/dead-letters';
export * from './lib/metrics';
