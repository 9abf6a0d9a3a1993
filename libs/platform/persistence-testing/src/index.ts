// Test fixtures over platform-persistence: a throwaway schema migrated up, its drift and its reverts. A lib of its own
// above platform-persistence and platform-testing (persistence's own specs use platform-testing, so the fixture cannot
// live there without a project cycle).
export * from './lib/migrated-schema';
