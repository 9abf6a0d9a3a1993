import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '@linkages/platform-access';
import type { Permission } from '@linkages/platform-access';
import { ApiProblems } from '@linkages/platform-http';

/** Every route declares one of these; a route without one is closed (and the route-policy test fails). */
export type RoutePolicy = { kind: 'public'; reason: string } | { kind: 'permission'; permission: Permission };

export const ROUTE_POLICY = 'linkages:route-policy';

/** Open to anyone who can reach the port; the reason is part of the code review and of the access matrix. */
export const PublicRoute = (reason: string) => {
  const policy: RoutePolicy = { kind: 'public', reason };
  return applyDecorators(SetMetadata(ROUTE_POLICY, policy), ApiExtension(policyExtension, policy), ApiProblems('internal-error'));
};

/** The policy is published in the OpenAPI document too: integrators see it, and the access-matrix test reads it. */
export const policyExtension = 'x-linkages-policy';

/**
 * Needs a valid bearer token whose roles grant the permission; object-level checks (county, sharing) come on top.
 * Documents the problems every secured route can answer with: no or a bad token (401), a missing permission (403),
 * the rate limit (429), an unexpected error (500), PostgreSQL or Temporal unreachable (503).
 */
export const Requires = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { kind: 'permission', permission } satisfies RoutePolicy),
    ApiExtension(policyExtension, { kind: 'permission', permission }),
    ApiBearerAuth(),
    ApiProblems('unauthenticated', 'invalid-token', 'forbidden', 'too-many-requests', 'internal-error', 'dependency-unavailable'),
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
export const CorrelationId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<AuthenticatedRequest>().correlationId ?? 'unknown',
);
