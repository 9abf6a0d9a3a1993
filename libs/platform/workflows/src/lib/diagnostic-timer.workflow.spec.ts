import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, uniqueSuffix } from '@linkages/platform-testing';
import { diagnosticTimerWorkflow } from './diagnostic-timer.workflow';

describe('diagnosticTimerWorkflow in the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: { code: string };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    workflowBundle = await bundleWorkflowsForTest(require.resolve('../index.ts'));
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('sleeps 180 days of workflow time and finishes in seconds of real time', async () => {
    const taskQueue = `it-timer-${uniqueSuffix()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, ...workerTelemetry('it') });
    const result = await worker.runUntil(
      env.client.workflow.execute(diagnosticTimerWorkflow, {
        taskQueue,
        workflowId: `platform/diagnostic-timer/${taskQueue}`,
        args: [{ duration: '180 days' }],
      }),
    );
    const days180 = 180 * 24 * 60 * 60 * 1000;
    // Workflow time is the start of each workflow task: the timer fires at 180 days, the next task starts a moment later.
    expect(result.sleptMs).toBeGreaterThanOrEqual(days180);
    expect(result.sleptMs).toBeLessThan(days180 + 60_000);
    expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBe(result.sleptMs);
  });

  it('rejects malformed input instead of sleeping forever', async () => {
    const taskQueue = `it-timer-${uniqueSuffix()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, ...workerTelemetry('it') });
    await expect(
      worker.runUntil(
        env.client.workflow.execute('diagnosticTimerWorkflow', {
          taskQueue,
          workflowId: `platform/diagnostic-timer/${taskQueue}`,
          args: [{}],
        }),
      ),
    ).rejects.toMatchObject({ name: 'WorkflowFailedError', cause: { type: 'InvalidInput', nonRetryable: true } });
  });
});
