export * from './organisation.types';
export * from './resolve-role';
export * from './organisation.validation';
export * as organisationSpecFixtures from './organisation.spec-fixtures';
