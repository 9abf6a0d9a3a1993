import type { Principal } from '@linkages/platform-access';

/** Who asks, and the request's correlation id: every use case's first argument. */
export interface Ctx {
  principal: Principal;
  correlationId: string;
}

export const ctxOf = (principal: Principal, correlationId: string): Ctx => ({ principal, correlationId });
