export * from './lib/kafka-client';
