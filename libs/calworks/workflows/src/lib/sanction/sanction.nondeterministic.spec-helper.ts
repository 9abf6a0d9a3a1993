// A deliberately changed sanction workflow: same name, different commands. Replaying the saved histories against it
// must fail, which proves the replay test would catch a non-deterministic change to the real one.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SanctionActivities } from '@linkages/calworks-domain';

const { recordSanctionStep } = proxyActivities<SanctionActivities>({ startToCloseTimeout: '30 seconds' });

export async function sanctionWorkflow(): Promise<void> {
  await sleep('1 day');
  await recordSanctionStep({} as never);
}
