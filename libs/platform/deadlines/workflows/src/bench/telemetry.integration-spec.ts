import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, context as otelContext, type Context, type ContextManager } from '@opentelemetry/api';
import { InMemorySpanExporter, BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { TRACE_HEADER as PACKAGE_TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import { Worker } from '@temporalio/worker';
import { TRACE_HEADER, workerTelemetry } from '@linkages/platform-temporal';
import { bundleWorkflowsForTest, createTimeSkippingEnv, uniqueSuffix } from '@linkages/platform-testing';

/** The caller's active span, as an application with OpenTelemetry's Node SDK has it (the client span is the parent). */
class AlsContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active = () => this.storage.getStore() ?? ROOT_CONTEXT;
  with = <A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A) =>
    this.storage.run(ctx, () => fn.apply(thisArg, args));
  bind = <T>(_ctx: Context, target: T) => target;
  enable = () => this;
  disable = () => this;
}

describe('worker telemetry (trace context carried through the workflow bundle onto activities)', () => {
  it('uses the header the OpenTelemetry client and activity interceptors use', () => expect(TRACE_HEADER).toBe(PACKAGE_TRACE_HEADER));

  it('an activity span is a child of the span that started the workflow; the sandbox makes no spans', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const exporter = new InMemorySpanExporter();
      const processor = new SimpleSpanProcessor(exporter);
      const clientProvider = new BasicTracerProvider();
      clientProvider.addSpanProcessor(processor);
      otelContext.setGlobalContextManager(new AlsContextManager());
      const client = new Client({
        connection: env.connection,
        interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: clientProvider.getTracer('it-client') })] },
      });
      const { code } = await bundleWorkflowsForTest(require.resolve('./index.ts'));
      const taskQueue = `it-otel-${uniqueSuffix()}`;
      let fired = 0;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities: { timerFired: async () => void fired++ },
        ...workerTelemetry('it', processor),
      });
      await worker.runUntil(
        // A plain client does not skip time (only the environment's own does): a timer of a second.
        client.workflow.execute('benchTimerWorkflow', {
          taskQueue,
          workflowId: `platform/bench-timer/${taskQueue}`,
          args: [{ dueAt: new Date(Date.now() + 1000).toISOString() }],
        }),
      );
      expect(fired).toBe(1);
      const spans = exporter.getFinishedSpans();
      const start = spans.find((s) => s.name === 'StartWorkflow:benchTimerWorkflow');
      const run = spans.find((s) => s.name === 'RunActivity:timerFired');
      expect(start).toBeDefined();
      expect(run?.spanContext().traceId).toBe(start?.spanContext().traceId);
      expect(run?.parentSpanId).toBe(start?.spanContext().spanId);
      expect(spans.map((s) => s.name).filter((n) => n.startsWith('RunWorkflow') || n.startsWith('StartActivity'))).toEqual([]);
    } finally {
      otelContext.disable();
      await env.teardown();
    }
  });

  it('a workflow started without a trace context schedules its activities without one', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const exporter = new InMemorySpanExporter();
      const { code } = await bundleWorkflowsForTest(require.resolve('./index.ts'));
      const taskQueue = `it-otel-${uniqueSuffix()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities: { timerFired: async () => undefined },
        ...workerTelemetry('it', new SimpleSpanProcessor(exporter)),
      });
      await worker.runUntil(
        env.client.workflow.execute('benchTimerWorkflow', {
          taskQueue,
          workflowId: `platform/bench-timer/${taskQueue}`,
          args: [{ dueAt: new Date(Date.now() + 60_000).toISOString() }],
        }),
      );
      const [run] = exporter.getFinishedSpans().filter((s) => s.name === 'RunActivity:timerFired');
      expect(run?.parentSpanId).toBeUndefined();
    } finally {
      await env.teardown();
    }
  });
});
