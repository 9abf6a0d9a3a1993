import { ApplicationFailure, sleep, workflowInfo } from '@temporalio/workflow';

export interface DiagnosticTimerInput {
  /** A Temporal duration: milliseconds or a string such as '180 days'. */
  duration: number | string;
}

export interface DiagnosticTimerResult {
  workflowId: string;
  startedAt: string;
  finishedAt: string;
  sleptMs: number;
}

/**
 * A durable timer and nothing else. Operators and tests use it to prove that a worker, its task queue and the
 * server's timers work end to end (the clock inside a workflow is the server's deterministic workflow time).
 */
export async function diagnosticTimerWorkflow(input: DiagnosticTimerInput): Promise<DiagnosticTimerResult> {
  if (input === null || typeof input !== 'object' || (typeof input.duration !== 'number' && typeof input.duration !== 'string')) {
    // A plain Error would only fail the workflow task and be retried forever; bad input fails the workflow.
    throw ApplicationFailure.nonRetryable('diagnosticTimerWorkflow needs { duration: number | string }', 'InvalidInput');
  }
  const started = Date.now();
  await sleep(input.duration);
  const finished = Date.now();
  return {
    workflowId: workflowInfo().workflowId,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    sleptMs: finished - started,
  };
}
