// Platform operator workflows: workflow code only (deterministic, no I/O), bundled into each service's bundle.
export * from './lib/diagnostic-timer.workflow';
