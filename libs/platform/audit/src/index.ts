export * from './lib/audit-record';
export * from './lib/audit.migration';
export * from './lib/audit-query';
export * from './lib/audit-log';
export * from './lib/verify-audit-chain';
export * from './lib/audit-reader';
export * from './lib/audit-aggregator';
