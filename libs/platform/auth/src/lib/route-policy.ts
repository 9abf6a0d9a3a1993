import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '@linkages/platform-access';
import type { Permission } from '@linkages/platform-access';

/** Every route declares one of these; a route without one is closed (and the route-policy test fails). */
export type RoutePolicy = { kind: 'public'; reason: string } | { kind: 'permission'; permission: Permission };

export const ROUTE_POLICY = 'linkages:route-policy';

/** Open to anyone who can reach the port; the reason is part of the code review and of the access matrix. */
export const PublicRoute = (reason: string) => {
  const policy: RoutePolicy = { kind: 'public', reason };
  return applyDecorators(SetMetadata(ROUTE_POLICY, policy), ApiExtension(policyExtension, policy));
};

/** The policy is published in the OpenAPI document too: integrators see it, and the access-matrix test reads it. */
export const policyExtension = 'x-linkages-policy';

/** Needs a valid bearer token whose roles grant the permission; object-level checks (county, sharing) come on top. */
export const Requires = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { kind: 'permission', permission } satisfies RoutePolicy),
    ApiExtension(policyExtension, { kind: 'permission', permission }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, expired or invalid bearer token (problem+json)' }),
    ApiForbiddenResponse({ description: `The caller's roles lack \`${permission}\`, or no sharing authority covers the record (problem+json)` }),
    ApiTooManyRequestsResponse({ description: 'Rate limit per user exceeded (problem+json, Retry-After)' }),
  );

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  correlationId?: string;
}

/** The verified caller of a `@Requires` route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Requires');
  return principal;
});

/** The request's correlation id (from `x-correlation-id` or generated), for audit records and events. */
export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<AuthenticatedRequest>().correlationId ?? 'unknown');
