import { TestWorkflowEnvironment } from '@temporalio/testing';
import { stackEnv } from './stack-env';

/**
 * Starts Temporal's time-skipping test server (the Java test server installed by the stack, not a download):
 * months of durable timers run in seconds.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: stackEnv().TEMPORAL_TEST_SERVER_PATH } },
  });
}
