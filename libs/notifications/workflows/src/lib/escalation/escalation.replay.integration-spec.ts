import { join } from 'node:path';
import { historyStore } from '@linkages/platform-testing';

// Saved histories of the escalation workflow (recorded by escalation.workflow.integration-spec.ts with
// REFRESH_HISTORIES=1; a saved one is kept unless REFRESH_HISTORIES_OVERWRITE=1), replayed against the current code:
// a change that alters the commands of in-flight runs fails here; make it with patched() instead.
const store = historyStore(join(__dirname, '..', '..', '..', 'histories'), 'escalation-');

describe('escalation workflow replay over saved histories', () => {
  it('has saved histories to replay', () => {
    expect(store.list().length).toBeGreaterThanOrEqual(4);
  });

  it('replays every saved history with the current workflow code', async () => {
    const results = await store.replay(require.resolve('../../index.ts'), 'escalation-replay');
    expect(results.length).toBeGreaterThanOrEqual(4);
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error ? String(r.error) : undefined }))).toEqual(
      results.map((r) => ({ workflowId: r.workflowId, error: undefined })),
    );
  }, 120_000);
});
