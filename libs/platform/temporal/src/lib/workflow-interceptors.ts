// Workflow interceptors, bundled into every workflow bundle (see workflowBundleOptions): OpenTelemetry spans for
// workflow execution, activities, timers and child workflows, exported through the worker's `exporter` sink.
import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptors } from '@temporalio/workflow';

// The sandbox has its own globals: without a propagator here, activity headers would carry no trace context.
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
