import { CACHED_WORKFLOW_BYTES, CACHE_HEAP_SHARE, MAX_CACHED_WORKFLOWS, workflowCacheSize } from './worker-cache';

const MiB = 2 ** 20;

describe('workflowCacheSize', () => {
  it('fills a share of the heap limit at the measured cost of a cached run', () => {
    const heap = 1024 * MiB;
    expect(workflowCacheSize({}, heap)).toBe(Math.floor((heap * CACHE_HEAP_SHARE) / CACHED_WORKFLOW_BYTES));
  });

  it('never exceeds the cap, however large the heap, and never drops below 2', () => {
    expect(workflowCacheSize({}, 64 * 1024 * MiB)).toBe(MAX_CACHED_WORKFLOWS);
    expect(workflowCacheSize({}, 1 * MiB)).toBe(2);
  });

  it('on this project’s default Node heap (4 GiB) the cache stays within the cap', () => {
    expect(workflowCacheSize({}, 4144 * MiB)).toBeLessThanOrEqual(MAX_CACHED_WORKFLOWS);
  });

  it('TEMPORAL_MAX_CACHED_WORKFLOWS overrides it; a bad value is refused with what was given', () => {
    expect(workflowCacheSize({ TEMPORAL_MAX_CACHED_WORKFLOWS: '350' }, 4144 * MiB)).toBe(350);
    expect(() => workflowCacheSize({ TEMPORAL_MAX_CACHED_WORKFLOWS: '1' })).toThrow("got '1'");
    expect(() => workflowCacheSize({ TEMPORAL_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow("got 'lots'");
    expect(workflowCacheSize({ TEMPORAL_MAX_CACHED_WORKFLOWS: '' }, 1024 * MiB)).toBe(workflowCacheSize({}, 1024 * MiB));
  });
});
