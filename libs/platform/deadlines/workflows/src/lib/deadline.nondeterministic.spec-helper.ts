// A deliberately changed deadline workflow: same name, different commands. Replaying saved histories against it
// must fail, which proves the replay test would catch a non-deterministic change to the real one.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { DeadlineActivities } from '@linkages/platform-deadlines';

const { emitDeadlineEvent } = proxyActivities<DeadlineActivities>({ startToCloseTimeout: '30 seconds' });

export async function deadlineWorkflow(): Promise<void> {
  await sleep('1 hour');
  await emitDeadlineEvent({} as never);
}
