import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, uniqueSuffix } from '@linkages/platform-testing';

describe('worker telemetry (OpenTelemetry interceptors in the bundle and the worker)', () => {
  it('produces workflow and activity spans; the activity schedule span is a child of the workflow run', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const exporter = new InMemorySpanExporter();
      const { code } = await bundleWorkflowsForTest(require.resolve('./index.ts'));
      const taskQueue = `it-otel-${uniqueSuffix()}`;
      let fired = 0;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities: { timerFired: async () => void fired++ },
        ...workerTelemetry('it', new SimpleSpanProcessor(exporter)),
      });
      await worker.runUntil(
        env.client.workflow.execute('benchTimerWorkflow', {
          taskQueue,
          workflowId: `platform/bench-timer/${taskQueue}`,
          args: [{ dueAt: new Date(Date.now() + 3_600_000).toISOString() }],
        }),
      );
      expect(fired).toBe(1);
      const spans = exporter.getFinishedSpans();
      const names = spans.map((s) => s.name);
      expect(names).toEqual(
        expect.arrayContaining(['RunWorkflow:benchTimerWorkflow', 'StartActivity:timerFired', 'RunActivity:timerFired']),
      );
      // Inside the workflow, the activity's span is a child of the workflow run's span.
      const run = spans.find((s) => s.name === 'RunWorkflow:benchTimerWorkflow');
      const start = spans.find((s) => s.name === 'StartActivity:timerFired');
      expect(start?.spanContext().traceId).toBe(run?.spanContext().traceId);
      expect(start?.parentSpanId).toBe(run?.spanContext().spanId);
    } finally {
      await env.teardown();
    }
  });
});
