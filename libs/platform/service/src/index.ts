export * from './lib/service-descriptor';
export * from './lib/readiness';
export * from './lib/problem-details.filter';
export * from './lib/platform.module';
export * from './lib/bootstrap';
export * from './lib/messaging-host';
export * from './lib/tokens';
export * from './lib/deadline-client';
