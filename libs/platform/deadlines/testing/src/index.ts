// Test harness for any service's deadlines: the time-skipping server, the real deadline workflow and activities.
export * from './lib/deadline-harness';
export * from './lib/rule-scenarios';
