export * from './escalation-activities.contract';
