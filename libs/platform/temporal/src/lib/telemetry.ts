import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { Context } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor, ActivityExecuteInput, Next, WorkerOptions } from '@temporalio/worker';

/**
 * Logs every activity execution with its workflow id, type, attempt, outcome and duration (the activity context's
 * logger carries the workflow id, run id and task queue; the runtime routes it into the service's JSON logs).
 */
export class ActivityLogInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const started = Date.now();
    const { activityType, attempt, workflowExecution } = this.ctx.info;
    try {
      const result = await next(input);
      this.ctx.log.info('Activity completed', {
        activityType,
        attempt,
        workflowId: workflowExecution?.workflowId,
        durationMs: Date.now() - started,
      });
      return result;
    } catch (error) {
      this.ctx.log.warn('Activity failed', {
        activityType,
        attempt,
        workflowId: workflowExecution?.workflowId,
        durationMs: Date.now() - started,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw error;
    }
  }
}

/**
 * Worker options for tracing and activity logs. Activity spans go to `spanProcessor` (an OTLP exporter in production;
 * nothing by default, which still propagates trace context across services); they are children of the span that
 * started the workflow, whose context the bundle's interceptors carry onto each activity (workflow-interceptors.ts).
 */
export function workerTelemetry(
  service: string,
  spanProcessor: SpanProcessor = new NoopSpanProcessor(),
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  // W3C trace context in Temporal headers: client → workflow → activity spans form one trace.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const resource = new Resource({ 'service.name': `linkages-${service}` });
  // Activity spans use this provider's tracer.
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(spanProcessor);
  const tracer = provider.getTracer('linkages-temporal');
  return {
    interceptors: {
      activity: [
        (ctx) => ({ inbound: new ActivityLogInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }),
        (ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }) }),
      ],
    },
    // Spans of runs started before SANDBOX_SPANS_PATCH leave their sandbox through this sink (workflow-interceptors.ts).
    sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
  };
}
