import { loadConfig, serviceConfigSchema, type ServiceConfig, type ServiceIdentity } from '@linkages/platform-config';
import type { PolicyRegistry } from '@linkages/platform-deadlines';
import type { ServicePersistence } from '@linkages/platform-persistence';
import type { ServiceName } from '@linkages/shared-contracts';

/** What makes one service itself: its name, ports, schema and the rules its clocks run. Everything else is shared. */
export interface ServiceDescriptor {
  /** kebab-case, used in workflow ids, task queues, client ids. */
  name: ServiceName;
  title: string;
  description: string;
  port: number;
  workerHealthPort: number;
  persistence: ServicePersistence;
  /** The rules this service enforces (its domain's catalog), composed in apps/<service>/src/rules.ts. */
  rules: PolicyRegistry;
  version?: string;
}

export const SERVICE_DESCRIPTOR = Symbol('SERVICE_DESCRIPTOR');

export const identityOf = (descriptor: ServiceDescriptor): ServiceIdentity => ({
  name: descriptor.name,
  schema: descriptor.persistence.schema,
});

export function loadServiceConfig(
  descriptor: Pick<ServiceDescriptor, 'name' | 'port' | 'workerHealthPort'>,
  env = process.env,
): ServiceConfig {
  return loadConfig(descriptor.name, serviceConfigSchema(descriptor), env);
}
