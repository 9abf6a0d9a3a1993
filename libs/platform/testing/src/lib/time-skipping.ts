import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { stackEnv } from './stack-env';

/**
 * Starts Temporal's time-skipping test server (the Java test server installed by the stack, not a download):
 * months of durable timers run in seconds.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: stackEnv().TEMPORAL_TEST_SERVER_PATH } },
  });
  await registerSearchAttributes(env);
  return env;
}

// temporal.api.enums.v1.IndexedValueType
const indexedValueType: Record<string, number> = { Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7 };

/** The project's search attributes (infra/temporal/search-attributes.json), as the stack registers them on the dev server. */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const file = join(repoRoot(), 'infra', 'temporal', 'search-attributes.json');
  const { attributes } = JSON.parse(readFileSync(file, 'utf8')) as { attributes: Record<string, string> };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.entries(attributes).map(([name, type]) => [name, indexedValueType[type] ?? 0])),
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
