import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

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
  const connection = Connection.lazy({ address, connectTimeout: 3000 });
  return { connection, client: new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) }) };
}

/** Readiness probe: the frontend answers and the namespace exists. */
export async function describeTemporal(connection: Connection, namespace: string): Promise<{ serverVersion: string; namespace: string }> {
  const signal = AbortSignal.timeout(3000);
  const info = await connection.withAbortSignal(signal, () => connection.workflowService.getSystemInfo({}));
  await connection.withAbortSignal(signal, () => connection.workflowService.describeNamespace({ namespace }));
  return { serverVersion: info.serverVersion ?? 'unknown', namespace };
}
