export * from './lib/stack-env';
export * from './lib/time-skipping';
export * from './lib/wait-for-http';
export * from './lib/wait-for';
export * from './lib/temporal-client';
export * from './lib/workflow-bundle';
export * from './lib/dev-token';
export * from './lib/saved-histories';
