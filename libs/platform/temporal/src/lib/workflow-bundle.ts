import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { repoRoot, workspacePathAliases } from '@linkages/platform-config';

/** Bundler options that resolve the @linkages/* aliases to TypeScript sources, as the compiler does. */
export function workflowBundleOptions(workflowsPath: string): BundleOptions {
  const alias = Object.fromEntries(Object.entries(workspacePathAliases()).map(([name, target]) => [`${name}$`, target]));
  return {
    workflowsPath,
    // Failure messages are encoded (then encrypted) inside the sandbox too.
    failureConverterPath: join(repoRoot(), 'libs', 'platform', 'temporal', 'src', 'lib', 'failure-converter.ts'),
    workflowInterceptorModules: [join(repoRoot(), 'libs', 'platform', 'temporal', 'src', 'lib', 'workflow-interceptors.ts')],
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string | false>), ...alias } },
    }),
  };
}

/** Where the prebuilt bundle of a service's workflows lives (`npm run build` writes it). */
export function workflowBundlePath(service: string, root = repoRoot()): string {
  return join(root, 'dist', 'workflow-bundles', `${service}.js`);
}

export function assertWorkflowBundle(path: string): string {
  if (!isAbsolute(path) || !existsSync(path)) {
    throw new Error(
      `Workflow bundle not found at ${path}. Build it with \`npm run build\` (the bundle is a build target; the worker never bundles at start-up).`,
    );
  }
  return path;
}
