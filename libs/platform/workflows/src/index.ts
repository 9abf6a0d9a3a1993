// Workflow code only: deterministic, no I/O, bundled into each service's workflow bundle.
export * from './lib/diagnostic-timer.workflow';
export * from './lib/deadline.workflow';
export * from './lib/deadline.messages';
export * from './lib/bench-timer.workflow';
