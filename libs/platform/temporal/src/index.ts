export * from './lib/workflow-id';
export * from './lib/temporal-client';
export * from './lib/workflow-bundle';
export * from './lib/temporal-worker.host';
export * from './lib/encryption-codec';
export * from './lib/data-converter';
export * from './lib/telemetry';
export * from './lib/worker-cache';
export { TRACE_HEADER } from './lib/workflow-interceptors';
