import { getHeapStatistics } from 'node:v8';

/**
 * What one cached deadline workflow holds in the worker (its workflow-thread heap, the SDK's and Core's state for the
 * run), measured by `npm run bench:deadlines` (docs/performance.md), rounded up.
 */
export const CACHED_WORKFLOW_BYTES = 256 * 1024;
/** The share of the workflow thread's heap limit the cache may fill; the rest is for activations and replays. */
export const CACHE_HEAP_SHARE = 0.25;
/** However large the heap, no more than this many runs stay cached (the process RSS stays bounded). */
export const MAX_CACHED_WORKFLOWS = 2000;

/**
 * How many workflow runs a worker keeps cached (WorkerOptions.maxCachedWorkflows), from the heap that the workflow
 * thread may use: a worker never runs out of memory however many workflows are open, because the runs beyond the
 * cache are evicted and replay from their history when their next timer or message arrives. The SDK's default
 * (600 per GiB of the main thread's heap limit, ~2,300 here) assumes ~1 MiB per run and nothing else on the thread.
 * `TEMPORAL_MAX_CACHED_WORKFLOWS` overrides it (at least 2: the SDK needs one run besides the one it evicts).
 */
export function workflowCacheSize(
  env: Record<string, string | undefined> = process.env,
  heapLimitBytes: number = getHeapStatistics().heap_size_limit,
): number {
  const configured = env['TEMPORAL_MAX_CACHED_WORKFLOWS'];
  if (configured !== undefined && configured !== '') {
    const n = Number(configured);
    if (!Number.isInteger(n) || n < 2) throw new Error(`TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number ≥ 2 (got '${configured}')`);
    return n;
  }
  return Math.max(2, Math.min(MAX_CACHED_WORKFLOWS, Math.floor((heapLimitBytes * CACHE_HEAP_SHARE) / CACHED_WORKFLOW_BYTES)));
}
