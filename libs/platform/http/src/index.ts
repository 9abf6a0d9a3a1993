// HTTP plumbing every service API shares: RFC 9457 problem+json and its registry, what every request must satisfy at
// the boundary (JSON bodies, no NUL, bounded depth and years) and the correlation id, zod validation, OpenAPI
// responses generated from the same schemas and registry, idempotency keys.
export * from './lib/problem-registry';
export * from './lib/problem-details.filter';
export * from './lib/api-responses';
export * from './lib/validation';
export * from './lib/request-boundary';
export * from './lib/correlation-id';
export * from './lib/json-hash';
export * from './lib/route-template';
export * from './lib/idempotency.interceptor';
export * from './lib/idempotency.migration';
export * from './lib/refusal-audit.interceptor';
export * from './lib/dependency-unavailable';
