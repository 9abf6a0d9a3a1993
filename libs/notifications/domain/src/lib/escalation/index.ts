export * from './escalation-activities.contract';
export * from './escalation-window';
