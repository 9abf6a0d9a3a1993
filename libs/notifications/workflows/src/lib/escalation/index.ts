export * from './escalation.workflow';
