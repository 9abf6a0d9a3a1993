export * from './lib/token-verifier';
export * from './lib/route-policy';
export * from './lib/auth.guard';
export * from './lib/auth-refusals';
export * from './lib/refusal-budget';
export * from './lib/problems';
export * from './lib/auth.providers';
export * from './lib/record-audit';
