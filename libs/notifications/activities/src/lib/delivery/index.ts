export * from './delivery-activities';
export * from './delivery-activities.provider';
