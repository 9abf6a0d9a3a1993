// Pure, deterministic deadline arithmetic: safe to import from workflow code.
export * from './lib/holidays';
export * from './lib/calendar';
export * from './lib/compute-due';
export * from './lib/policy';
export * from './lib/deadline-activities.contract';
