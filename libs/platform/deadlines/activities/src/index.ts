export * from './lib/deadline.activities';
