export * from './lib/load-config';
export * from './lib/platform-config.schema';
export * from './lib/repo-root';
export * from './lib/service-identity';
export * from './lib/readiness-check';
