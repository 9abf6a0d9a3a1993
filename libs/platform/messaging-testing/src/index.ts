// Test fixtures over platform-messaging: bad events for an inbox consumer (a pure generator) and a fuzz of a service's
// real inbox consumer with them on the real broker. A lib of its own above platform-messaging and platform-testing
// (messaging's own specs use platform-testing, so the fixture cannot live there without a project cycle).
export * from './lib/bad-events';
export * from './lib/inbox-fuzz';
export * from './lib/service-database';
export * from './lib/recording-stub';
