export * from './organisation-config';
export * from './organisation.seeder';
