const segment = /^[a-z][a-z0-9-]*$/;
const businessIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/**
 * Deterministic workflow ids: `<service>/<kind>/<business id>` (e.g. `calworks/sanction/ep-123`). A business id,
 * never a random one, so a redelivered event finds the workflow it already started.
 */
export function workflowId(service: string, kind: string, businessId: string): string {
  if (!segment.test(service)) throw new Error(`workflowId: service '${service}' must be lower-case kebab`);
  if (!segment.test(kind)) throw new Error(`workflowId: kind '${kind}' must be lower-case kebab`);
  if (!businessIdPattern.test(businessId)) throw new Error(`workflowId: business id '${businessId}' must be 1-200 of [A-Za-z0-9._:-]`);
  return `${service}/${kind}/${businessId}`;
}

export function parseWorkflowId(id: string): { service: string; kind: string; businessId: string } {
  const [service, kind, ...rest] = id.split('/');
  const businessId = rest.join('/');
  if (!service || !kind || !businessId) throw new Error(`Not a platform workflow id: '${id}'`);
  return { service, kind, businessId: workflowId(service, kind, businessId).split('/').slice(2).join('/') };
}

/** One task queue per service: its name. */
export const taskQueueOf = (service: { name: string }) => service.name;
