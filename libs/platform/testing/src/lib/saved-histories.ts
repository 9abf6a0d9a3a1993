import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest } from './workflow-bundle';

/**
 * Saved workflow histories (binary protobuf, as the server returns them) in `dir`, named `<prefix><name>.history.pb`:
 * recorded by a replay spec when `REFRESH_HISTORIES=1`, replayed against the current code on every test run. A
 * history already saved is kept (it is a run still in flight after a change) unless `REFRESH_HISTORIES_OVERWRITE=1`.
 */
export function historyStore(dir: string, prefix = '') {
  const list = () =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.startsWith(prefix) && f.endsWith('.history.pb'))
          .map((f) => ({
            workflowId: f.replace(/\.history\.pb$/, ''),
            history: temporal.api.history.v1.History.decode(readFileSync(join(dir, f))),
          }))
      : [];
  return {
    /** Saves the handle's history as `<prefix><name>`, unless one is saved already. */
    async save(name: string, handle: { fetchHistory(): Promise<temporal.api.history.v1.IHistory> }): Promise<void> {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${prefix}${name}.history.pb`);
      if (existsSync(file) && process.env['REFRESH_HISTORIES_OVERWRITE'] !== '1') return;
      writeFileSync(file, temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish());
    },
    /** The saved histories, by workflow id (the file name). */
    list,
    /** Replays every saved history against the workflows bundled from `workflowsPath`; one result per history. */
    async replay(workflowsPath: string, replayName: string) {
      const { code } = await bundleWorkflowsForTest(workflowsPath);
      const results = [];
      for await (const result of Worker.runReplayHistories(
        { workflowBundle: { code }, replayName, sinks: workerTelemetry('replay').sinks },
        list(),
      ))
        results.push(result);
      return results;
    },
  };
}
