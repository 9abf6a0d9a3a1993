import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { AuthenticationError, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';
import { ROUTE_POLICY, type AuthenticatedRequest, type RoutePolicy } from './route-policy';
import { hasPermission, type Principal } from '@linkages/platform-access';
import { correlationIdOf, problemException, routeTemplate } from '@linkages/platform-http';

/** Who acted, as every audit record names them. */
export function auditActor(principal: Principal): { actorSubject: string; actorRoles: string[]; actorAgency: string; actorCounty: string } {
  return { actorSubject: principal.subject, actorRoles: principal.roles, actorAgency: principal.agency, actorCounty: principal.county };
}

const anonymous = { actorSubject: 'anonymous', actorRoles: [] };

/** Reads the route's declared policy (handler first, then controller). */
export function routePolicyOf(reflector: Reflector, context: ExecutionContext): RoutePolicy | undefined {
  return reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
}

/**
 * Deny by default. A route without a declared policy is closed; `@PublicRoute` opens it; `@Requires(permission)`
 * needs a verified bearer token whose roles carry the permission. Every refusal of a token or a permission is
 * written to the audit log (without the token).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    // Usually decided already by the bootstrap's middleware; the same id either way.
    correlationIdOf(req, res);

    const policy = routePolicyOf(this.reflector, context);
    if (!policy) {
      throw problemException('no-route-policy', 'This route declares no access policy, so it is closed (deny by default)');
    }
    if (policy.kind === 'public') return true;

    const action = `${req.method} ${routeTemplate(req)}`;
    const token = /^Bearer ([^\s]+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="linkages"');
      await this.deny(req, anonymous, action, 'no bearer token');
      throw problemException('unauthenticated', 'A bearer token is required');
    }
    try {
      req.principal = await this.verifier.verify(token);
    } catch (error) {
      const reason =
        error instanceof AuthenticationError ? error : new AuthenticationError('malformed', 'The bearer token could not be verified');
      res.setHeader(
        'WWW-Authenticate',
        `Bearer realm="linkages", error="invalid_token", error_description="${reason.message.replace(/"/g, "'")}"`,
      );
      await this.deny(req, anonymous, action, `token refused: ${reason.reason}`);
      throw problemException('invalid-token', reason.message, { reason: reason.reason });
    }
    const principal = req.principal;
    if (!hasPermission(principal.roles, policy.permission)) {
      await this.deny(req, auditActor(principal), action, `lacks permission ${policy.permission}`);
      throw problemException('forbidden', `Your roles do not grant ${policy.permission}`, { permission: policy.permission });
    }
    return true;
  }

  private async deny(
    req: AuthenticatedRequest,
    actor: { actorSubject: string; actorRoles: string[]; actorAgency?: string; actorCounty?: string },
    action: string,
    reason: string,
  ): Promise<void> {
    await this.audit.append({
      ...actor,
      action: 'access',
      recordType: 'route',
      recordId: action,
      outcome: 'denied',
      reason,
      ...(req.correlationId ? { correlationId: req.correlationId } : {}),
    });
  }
}
