// A deliberately changed sharing-authority process: same name, different commands. Replaying saved histories against
// it must fail, which proves the replay test would catch a non-deterministic change to the real one.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { SharingAuthorityActivities } from '@linkages/referrals-domain';

const { endAuthority } = proxyActivities<SharingAuthorityActivities>({ startToCloseTimeout: '30 seconds' });

export async function sharingAuthorityWorkflow(): Promise<void> {
  await endAuthority({} as never);
  await sleep('1 hour');
}
