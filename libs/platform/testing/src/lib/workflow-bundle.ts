import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '@linkages/platform-temporal';

const quiet = {
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  warn: () => undefined,
  error: console.error,
  log: () => undefined,
};

/** Bundles workflow code for a test worker as the build does (aliases, failure converter, interceptors), quietly. */
export async function bundleWorkflowsForTest(workflowsPath: string): Promise<{ code: string }> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(workflowsPath), logger: quiet });
  return { code };
}
