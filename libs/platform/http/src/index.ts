// HTTP plumbing every service API shares: RFC 9457 problem+json, zod validation at the boundary, idempotency keys.
export * from './lib/problem-details.filter';
export * from './lib/validation';
export * from './lib/idempotency.interceptor';
export * from './lib/idempotency.migration';
