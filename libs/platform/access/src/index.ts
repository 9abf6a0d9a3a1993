export * from './lib/roles';
export * from './lib/principal';
export * from './lib/disclosure';
