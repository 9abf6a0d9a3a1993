export * from './notice.workflow';
