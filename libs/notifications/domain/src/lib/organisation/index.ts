export * from './organisation.types';
export * from './resolve-role';
export * from './organisation.validation';
