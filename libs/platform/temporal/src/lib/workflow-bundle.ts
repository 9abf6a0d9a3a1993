import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { repoRoot, workspacePathAliases } from '@linkages/platform-config';

/**
 * Modules evaluated once per worker thread and shared by every run in the reusable V8 context, instead of once per run
 * (the sandbox gives each run its own module state). Only pure, deterministic code that keeps no per-run state may be
 * listed. The deadline engine (and luxon inside it, whose caches of time zones and Intl formats are functions of their
 * inputs) keeps none: it is constants and functions. Measured by `npm run bench:deadlines` (issue 16): a run that
 * replays after eviction no longer re-evaluates the engine nor re-parses zones and rebuilds Intl formatters. (luxon
 * itself cannot be listed: it is marked side-effect free, so the bundler drops a bare preload of it.)
 */
export const SHARED_PURE_MODULES = ['@linkages/platform-deadlines'] as const;

/** Bundler options that resolve the @linkages/* aliases to TypeScript sources, as the compiler does. */
export function workflowBundleOptions(workflowsPath: string): BundleOptions {
  const alias = Object.fromEntries(Object.entries(workspacePathAliases()).map(([name, target]) => [`${name}$`, target]));
  return {
    workflowsPath,
    // Failure messages are encoded (then encrypted) inside the sandbox too.
    failureConverterPath: join(repoRoot(), 'libs', 'platform', 'temporal', 'src', 'lib', 'failure-converter.ts'),
    workflowInterceptorModules: [join(repoRoot(), 'libs', 'platform', 'temporal', 'src', 'lib', 'workflow-interceptors.ts')],
    preloadModules: [...SHARED_PURE_MODULES],
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
