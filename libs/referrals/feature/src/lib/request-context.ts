import type { Principal } from '@linkages/platform-access';

/** Who asks, and the correlation id their request carries into every audit record and event it causes. */
export interface RequestContext {
  principal: Principal;
  correlationId: string;
}
