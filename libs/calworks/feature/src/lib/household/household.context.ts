import type { Principal } from '@linkages/platform-access';

/** Who asks, and the request's correlation id: every CalWORKs use case's first argument. */
export interface HouseholdCtx {
  principal: Principal;
  correlationId: string;
}

export const householdCtxOf = (principal: Principal, correlationId: string): HouseholdCtx => ({ principal, correlationId });
