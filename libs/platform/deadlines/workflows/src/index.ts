// The durable deadline: workflow code only (deterministic, no I/O), bundled into every service's workflow bundle.
export * from './lib/deadline.workflow';
export * from './lib/deadline.messages';
