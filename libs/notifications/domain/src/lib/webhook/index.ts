export * from './webhook-url';
export * from './webhook-retry-policy';
export * from './webhook-events';
export * from './webhook-secret';
