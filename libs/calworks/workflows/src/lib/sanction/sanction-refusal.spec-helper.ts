import { WorkflowUpdateFailedError } from '@temporalio/client';

/** The reason a refused update gives (the validator's message); fails when the update was accepted. */
export const refusalOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) return String((e.cause as Error | undefined)?.message ?? e.message);
    throw e;
  }
  throw new Error('expected a refusal');
};
