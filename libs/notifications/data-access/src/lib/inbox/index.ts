export * from './inbox.repository';
