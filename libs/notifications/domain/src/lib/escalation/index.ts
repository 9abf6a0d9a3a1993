export * from './escalation-activities.contract';
export * from './escalation-steps';
export * from './escalation-window';
