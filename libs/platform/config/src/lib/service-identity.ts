/** Who this process is: the service's name (workflow ids, task queue, client ids) and its own PostgreSQL schema. */
export interface ServiceIdentity {
  name: string;
  schema: string;
}

/** The ServiceIdentity of the running service (provided by the composition root). */
export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');
/** The service's validated ServiceConfig (provided by the composition root). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
