// Endpoints for operators, mounted in every service API: the Temporal codec server, the audit trail, metrics, dead
// letters and workflow counts.
export * from './lib/codec.controller';
export * from './lib/codec.problems';
export * from './lib/audit.controller';
export * from './lib/metrics.controller';
export * from './lib/dead-letter-desk';
export * from './lib/dead-letters.schemas';
export * from './lib/dead-letters.controller';
export * from './lib/workflows.controller';
export * from './lib/worker-health.server';
