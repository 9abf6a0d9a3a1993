import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { stackEnv } from './stack-env';

/**
 * Starts Temporal's time-skipping test server (the Java test server installed by the stack, not a download):
 * months of durable timers run in seconds.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: stackEnv().TEMPORAL_TEST_SERVER_PATH } },
  });
}

let runtimeInstalled = false;

/** Worker and SDK logs at WARN in tests (the Runtime can be installed once per process). */
export function quietTemporalRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier helper in this process.
  }
}
