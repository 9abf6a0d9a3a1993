// Workflow interceptors, bundled into every workflow bundle (see workflowBundleOptions): the trace context a workflow
// was started with (the OpenTelemetry client interceptor's header) is carried onto everything the workflow schedules,
// so an activity's span, made on the worker, is in the trace of the request that started the workflow.
//
// No spans are made inside the sandbox for runs started from SANDBOX_SPANS_PATCH on. The OpenTelemetry workflow
// interceptors did that, and `npm run bench:deadlines` measured what it cost (issue 16): every run evaluated its own
// copy of the OpenTelemetry SDK (the sandbox gives each run its own module state), about 650 KiB of workflow-thread
// heap per cached run, and workflow tasks went from a mean of 10 ms to 187 ms. Runs started before keep them: their
// async wrappers decide when an update's result is sent relative to the commands of the same task, so without them
// those histories would not replay (the saved histories of every workflow prove it).
import type { Payload } from '@temporalio/common';
import {
  patched,
  type Headers,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowInternalsInterceptor,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The header the OpenTelemetry client and activity interceptors write and read (`TRACE_HEADER` of the package). */
export const TRACE_HEADER = '_tracer-data';
/** From this patch on a run makes no spans in the sandbox; a run without its marker keeps the OpenTelemetry interceptors. */
export const SANDBOX_SPANS_PATCH = 'no-spans-in-the-sandbox';

interface Legacy {
  inbound: WorkflowInboundCallsInterceptor;
  outbound: WorkflowOutboundCallsInterceptor;
  internals: WorkflowInternalsInterceptor;
}

/** The OpenTelemetry workflow interceptors, evaluated only for a run that needs them. */
function legacyInterceptors(): Legacy {
  // First: it gives the sandbox the browser globals (performance, window) the OpenTelemetry packages need.
  const otel =
    require('@temporalio/interceptors-opentelemetry/lib/workflow') as typeof import('@temporalio/interceptors-opentelemetry/lib/workflow');
  const { propagation } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  // The sandbox has its own globals: without a propagator here, activity headers would carry no trace context.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    inbound: new otel.OpenTelemetryInboundInterceptor(),
    outbound: new otel.OpenTelemetryOutboundInterceptor(),
    internals: new otel.OpenTelemetryInternalsInterceptor(),
  };
}

class PlatformInterceptors {
  private carried?: Payload;
  private legacy?: Legacy;

  readonly inbound: WorkflowInboundCallsInterceptor = {
    execute: (input, next) => {
      if (!patched(SANDBOX_SPANS_PATCH)) this.legacy = legacyInterceptors();
      this.carried = input.headers[TRACE_HEADER];
      return this.legacy?.inbound.execute ? this.legacy.inbound.execute(input, next) : next(input);
    },
    handleSignal: (input, next) => (this.legacy?.inbound.handleSignal ? this.legacy.inbound.handleSignal(input, next) : next(input)),
    handleUpdate: (input, next) => (this.legacy?.inbound.handleUpdate ? this.legacy.inbound.handleUpdate(input, next) : next(input)),
    validateUpdate: (input, next) => (this.legacy?.inbound.validateUpdate ? this.legacy.inbound.validateUpdate(input, next) : next(input)),
    handleQuery: (input, next) => (this.legacy?.inbound.handleQuery ? this.legacy.inbound.handleQuery(input, next) : next(input)),
  };

  readonly outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) =>
      this.legacy?.outbound.scheduleActivity ? this.legacy.outbound.scheduleActivity(input, next) : next(this.carry(input)),
    scheduleLocalActivity: (input, next) =>
      this.legacy?.outbound.scheduleLocalActivity ? this.legacy.outbound.scheduleLocalActivity(input, next) : next(this.carry(input)),
    startChildWorkflowExecution: (input, next) =>
      this.legacy?.outbound.startChildWorkflowExecution
        ? this.legacy.outbound.startChildWorkflowExecution(input, next)
        : next(this.carry(input)),
    signalWorkflow: (input, next) =>
      this.legacy?.outbound.signalWorkflow ? this.legacy.outbound.signalWorkflow(input, next) : next(this.carry(input)),
    continueAsNew: (input, next) =>
      this.legacy?.outbound.continueAsNew ? this.legacy.outbound.continueAsNew(input, next) : next(this.carry(input)),
    startNexusOperation: (input, next) =>
      this.legacy?.outbound.startNexusOperation ? this.legacy.outbound.startNexusOperation(input, next) : next(input),
    getLogAttributes: (input, next) =>
      this.legacy?.outbound.getLogAttributes ? this.legacy.outbound.getLogAttributes(input, next) : next(input),
    getMetricTags: (input, next) => (this.legacy?.outbound.getMetricTags ? this.legacy.outbound.getMetricTags(input, next) : next(input)),
  };

  readonly internals: WorkflowInternalsInterceptor = {
    dispose: (input, next) => (this.legacy?.internals.dispose ? this.legacy.internals.dispose(input, next) : next(input)),
  };

  private carry<T extends { headers: Headers }>(input: T): T {
    if (!this.carried || input.headers[TRACE_HEADER]) return input;
    return { ...input, headers: { ...input.headers, [TRACE_HEADER]: this.carried } };
  }
}

export const interceptors = (): WorkflowInterceptors => {
  const platform = new PlatformInterceptors();
  return { inbound: [platform.inbound], outbound: [platform.outbound], internals: [platform.internals] };
};
