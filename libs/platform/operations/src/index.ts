// Endpoints for operators, mounted in every service API: the Temporal codec server, the audit trail, metrics.
export * from './lib/codec.controller';
export * from './lib/audit.controller';
export * from './lib/metrics.controller';
export * from './lib/worker-health.server';
