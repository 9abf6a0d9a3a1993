// The composition root: what apps/<service> imports to become a service (API and worker processes). Apps only.
export * from './lib/service-descriptor';
export * from './lib/readiness';
export * from './lib/health.controller';
export * from './lib/platform.module';
export * from './lib/platform-migrations';
export * from './lib/bootstrap';
