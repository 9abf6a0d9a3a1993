// A deliberately changed coordination process: same name, different commands. Replaying saved histories against it
// must fail, which proves the replay test would catch a non-deterministic change to the real one.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CoordinationActivities } from '@linkages/referrals-domain';

const { applyCoordinationStep } = proxyActivities<CoordinationActivities>({ startToCloseTimeout: '30 seconds' });

export async function coordinationWorkflow(): Promise<void> {
  await sleep('1 hour');
  await applyCoordinationStep({} as never);
}
