export * from './lib/data-source-options';
export * from './lib/snake-naming.strategy';
export * from './lib/migrate';
export * from './lib/protected-person.columns';
export * from './lib/schema-drift';
export * from './lib/schema-migration';
export * from './lib/read-snapshot';
