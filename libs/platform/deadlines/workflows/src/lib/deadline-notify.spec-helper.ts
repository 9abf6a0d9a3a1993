// Test bundle entry: the real deadline workflow beside a minimal process that records what its clocks tell it.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { deadlineReachedSignal, type DeadlineReached } from './deadline.messages';

export { deadlineWorkflow } from './deadline.workflow';

export const reachedQuery = defineQuery<DeadlineReached[]>('reached');

/** Waits until one of its clocks is satisfied or cancelled, and returns every stage it was told about. */
export async function listeningProcessWorkflow(): Promise<DeadlineReached[]> {
  const reached: DeadlineReached[] = [];
  setHandler(deadlineReachedSignal, (r) => void reached.push(r));
  setHandler(reachedQuery, () => reached);
  await condition(() => reached.some((r) => r.kind === 'satisfied' || r.kind === 'cancelled'));
  return reached;
}
