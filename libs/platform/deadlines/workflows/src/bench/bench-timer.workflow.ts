import { proxyActivities, sleep } from '@temporalio/workflow';

export interface BenchTimerActivities {
  timerFired(input: { dueAt: string; tag?: string }): Promise<void>;
}

const { timerFired } = proxyActivities<BenchTimerActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The baseline of `npm run bench:deadlines`: a bare durable timer to an instant, then one activity, which is the
 * least any deadline stage can cost. Deadline lateness is reported as a ratio to this.
 */
export async function benchTimerWorkflow(input: { dueAt: string; tag?: string }): Promise<void> {
  await sleep(Math.max(0, Date.parse(input.dueAt) - Date.now()));
  await timerFired(input);
}
