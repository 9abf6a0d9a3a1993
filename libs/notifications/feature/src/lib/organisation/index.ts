export * from './organisation-config';
export * from './organisation.seeder';
export * from './organisation.schemas';
export * from './organisation.problems';
export * from './read-organisation.query';
export * from './assign-work.command';
export * from './organisation.controller';
export * from './notifications-organisation.module';
