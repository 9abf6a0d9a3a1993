export * from './escalation-activities.provider';
export * from './escalation.activities';
