// The deadline engine: pure, deterministic deadline arithmetic and the rule records (safe to import from workflow
// code). Catalogs of rules live in each domain's `domain` lib; apps compose a PolicyRegistry of theirs.
export * from './lib/holidays';
export * from './lib/calendar';
export * from './lib/compute-due';
export * from './lib/policy';
export * from './lib/policy-rule';
export * from './lib/ladders';
export * from './lib/define-rule';
export * from './lib/registry';
export * from './lib/rules-doc';
export * from './lib/deadline-activities.contract';
