import type { EntityManager } from 'typeorm';
import type { Client } from '@temporalio/client';
import {
  coordinationSignalNames,
  linkagesSettingsFor,
  type CoordinationHandOver,
  type CoordinationInput,
  type FamilyMergedSignal,
} from '@linkages/referrals-domain';
import type { FamilyResolver } from '@linkages/referrals-data-access';
import { taskQueueOf, workflowId } from '@linkages/platform-temporal';

/** The coordination process of a shared family: `referrals/coordination/<familyId>` (the Linkages family id). */
export const coordinationProcessId = (familyId: string) => workflowId('referrals', 'coordination', familyId);

/** How a family's coordination process is started (signal-with-start by its business id): the one place it is said. */
export function coordinationStart(familyId: string, countyCode: string, taskQueue = taskQueueOf({ name: 'referrals' })) {
  const input: CoordinationInput = { familyId, countyCode, settings: linkagesSettingsFor(countyCode) };
  return { workflowId: coordinationProcessId(familyId), taskQueue, args: [input] as [CoordinationInput] };
}

/**
 * Tells the survivor of a merge what the merged family brings: every coordination fact its timeline kept (the merged
 * family's entries moved there with the merge; facts the survivor's process saw are skipped by it), and the tasks and
 * meetings the merged family's process held (none when it never ran). Starts the survivor's process if it is not
 * running: a merge is the moment both agencies know the family.
 */
export async function signalFamilyMerged(
  client: Client,
  families: FamilyResolver,
  tx: EntityManager,
  handOver: CoordinationHandOver,
  taskQueue?: string,
) {
  const signal: FamilyMergedSignal = {
    eventId: handOver.eventId,
    mergedFamilyId: handOver.mergedFamilyId,
    facts: await families.timelineFacts(tx, handOver.survivorFamilyId),
    tasks: handOver.tasks,
    meetings: handOver.meetings,
  };
  await client.workflow.signalWithStart('coordinationWorkflow', {
    ...coordinationStart(handOver.survivorFamilyId, handOver.countyCode, taskQueue),
    signal: coordinationSignalNames.familyMerged,
    signalArgs: [signal],
  });
}
