// How a service runs its legal clocks: tracked in its own schema, changed inside the business transaction as
// deadline commands, applied to the durable deadline workflows by the worker's relay.
export * from './lib/policy-registry.token';
export * from './lib/deadline-client';
export * from './lib/deadline-command';
export * from './lib/deadline-commands.writer';
export * from './lib/deadline-command.relay';
export * from './lib/deadline-tracking.migrations';
export * from './lib/tracked-deadline.entity';
export * from './lib/tracked-deadlines';
export * from './lib/clock-view.schema';
