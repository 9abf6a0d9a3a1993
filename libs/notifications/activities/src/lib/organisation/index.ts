export * from './organisation.activities';
export * from './organisation-activities.provider';
