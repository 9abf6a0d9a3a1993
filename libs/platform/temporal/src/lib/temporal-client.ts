import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ReadinessCheck } from '@linkages/platform-config';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
  dataConverter?: DataConverter;
}

export interface TemporalClientHandle {
  connection: Connection;
  client: Client;
}

/** A lazily connected client: a service boots while Temporal is down, and readiness says so. */
export function createTemporalClient({ address, namespace, dataConverter }: TemporalClientOptions): TemporalClientHandle {
  const connection = Connection.lazy({
    address,
    connectTimeout: 3000,
    // While the frontend is down a call fails after about 3 s of retries (the SDK's default is 10 attempts, ~20 s),
    // so a request is answered 503 dependency-unavailable promptly; and the channel retries its connection at least
    // every 2 s (gRPC's default backoff grows to 120 s), so the service is itself again soon after Temporal is back.
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 6 }))],
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2000 },
  });
  // Client spans start the trace that the workflow and its activities continue.
  return {
    connection,
    client: new Client({
      connection,
      namespace,
      interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
      ...(dataConverter ? { dataConverter } : {}),
    }),
  };
}

/** Readiness probe: the frontend answers and the namespace exists. */
export async function describeTemporal(connection: Connection, namespace: string): Promise<{ serverVersion: string; namespace: string }> {
  const signal = AbortSignal.timeout(3000);
  const info = await connection.withAbortSignal(signal, () => connection.workflowService.getSystemInfo({}));
  await connection.withAbortSignal(signal, () => connection.workflowService.describeNamespace({ namespace }));
  return { serverVersion: info.serverVersion ?? 'unknown', namespace };
}

/** The service's TemporalClientHandle (provided by the composition root). */
export const TEMPORAL = Symbol('TEMPORAL');

/** Readiness: the Temporal frontend answers for the namespace. */
export const temporalReadiness = (temporal: TemporalClientHandle, namespace: string): ReadinessCheck => ({
  name: 'temporal',
  check: () => describeTemporal(temporal.connection, namespace),
});
