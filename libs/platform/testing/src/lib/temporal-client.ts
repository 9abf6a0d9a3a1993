import { Client, Connection } from '@temporalio/client';
import { platformDataConverter } from '@linkages/platform-temporal';
import { stackEnv } from './stack-env';

/** A client of the stack's Temporal dev server with the platform's data converter (encrypted payloads). */
export async function platformTemporalClient(): Promise<{ connection: Connection; client: Client }> {
  const env = stackEnv();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  return {
    connection,
    client: new Client({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      dataConverter: platformDataConverter(env.TEMPORAL_ENCRYPTION_KEYS),
    }),
  };
}
