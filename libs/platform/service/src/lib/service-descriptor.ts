import { loadConfig, serviceConfigSchema, type ServiceConfig } from '@linkages/platform-config';
import type { ServicePersistence } from '@linkages/platform-persistence';

/** What makes one service itself: its name, ports, task queue and schema. Everything else is shared. */
export interface ServiceDescriptor {
  /** kebab-case, used in workflow ids, task queues, client ids. */
  name: string;
  title: string;
  description: string;
  port: number;
  workerHealthPort: number;
  persistence: ServicePersistence;
  version?: string;
}

export const SERVICE_DESCRIPTOR = Symbol('SERVICE_DESCRIPTOR');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export function loadServiceConfig(descriptor: ServiceDescriptor, env = process.env): ServiceConfig {
  return loadConfig(descriptor.name, serviceConfigSchema(descriptor), env);
}

/** One task queue per service. */
export const taskQueueOf = (descriptor: Pick<ServiceDescriptor, 'name'>) => descriptor.name;
