import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { AuthGuard } from './auth.guard';
import { AuthRefusals } from './auth-refusals';
import { ROUTE_POLICY, type AuthenticatedRequest, type RoutePolicy } from './route-policy';
import { TOKEN_VERIFIER, createTokenVerifier } from './token-verifier';

/**
 * Who may call and how often, for a service API: the token verifier from the service's AUTH_* settings, the budget
 * of refusals per client and their aggregated audit (AuthRefusals, AUTH_REFUSALS_PER_MINUTE), then two global guards
 * in this order: deny by default (AuthGuard, which spends the refusal budget before any token is verified), then the
 * per-user rate limit of the accepted calls.
 */
export const authProviders: Provider[] = [
  {
    provide: TOKEN_VERIFIER,
    inject: [SERVICE_CONFIG],
    useFactory: (config: ServiceConfig) =>
      createTokenVerifier({
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        jwksUrl: config.AUTH_JWKS_URL,
        algorithms: config.AUTH_ALGORITHMS,
        clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
      }),
  },
  {
    provide: AuthRefusals,
    inject: [SERVICE_CONFIG, AUDIT_LOG],
    useFactory: (config: ServiceConfig, audit: AuditLog) => new AuthRefusals(audit, { perWindow: config.AUTH_REFUSALS_PER_MINUTE }),
  },
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_GUARD, useClass: ThrottlerGuard },
];

const requestOf = (req: Record<string, unknown>) => req as unknown as AuthenticatedRequest;

/**
 * Rate limit per authenticated user (per client address before authentication), across all routes of the service.
 * Public routes (probes, metrics) are not limited: orchestrators poll them.
 */
export function perUserRateLimit(limitPerMinute: () => number) {
  return ThrottlerModule.forRootAsync({
    useFactory: () => ({
      // Named 'default' so the answer carries the standard Retry-After header.
      throttlers: [{ name: 'default', ttl: 60_000, limit: limitPerMinute() }],
      getTracker: (req: Record<string, unknown>) => requestOf(req).principal?.subject ?? requestOf(req).ip ?? 'unknown',
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      skipIf: (context) =>
        (
          Reflect.getMetadata(ROUTE_POLICY, context.getHandler()) ??
          (Reflect.getMetadata(ROUTE_POLICY, context.getClass()) as RoutePolicy | undefined)
        )?.kind === 'public',
    }),
  });
}
