export * from './lib/roles';
export * from './lib/principal';
export * from './lib/token-verifier';
export * from './lib/route-policy';
export * from './lib/auth.guard';
export * from './lib/problems';
export * from './lib/disclosure';
