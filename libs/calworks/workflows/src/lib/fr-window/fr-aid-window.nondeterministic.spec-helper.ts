// A deliberately changed FR aid process: same name, different commands. Replaying saved histories against it must
// fail, which proves the replay test would catch a non-deterministic change to the real one.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { FrAidWindowActivities } from '@linkages/calworks-domain';

const { frRecordRefusal } = proxyActivities<FrAidWindowActivities>({ startToCloseTimeout: '30 seconds' });

export async function frAidWindowWorkflow(): Promise<void> {
  await sleep('1 hour');
  await frRecordRefusal({} as never);
}
