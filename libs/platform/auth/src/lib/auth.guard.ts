import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { AuthRefusals, accessRefusalEntry, type AuthRefusal } from './auth-refusals';
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
 * written to the audit log (without the token). With AuthRefusals (authProviders provides it), refusals are
 * budgeted per client (429 beyond the budget, a token refused before not verified again) and their repeats are
 * aggregated in the audit; without it (a test harness), each refusal is written as it comes.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Optional() @Inject(AuthRefusals) private readonly refusals?: AuthRefusals,
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

    const route = `${req.method} ${routeTemplate(req)}`;
    // Before a token is verified, the caller is its address (Express' req.ip: the socket's, as no proxy is trusted).
    const client = `address ${req.ip ?? 'unknown'}`;
    const token = /^Bearer ([^\s]+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!token) {
      await this.deny(req, res, { client, actor: anonymous, route, reason: 'no bearer token' });
      res.setHeader('WWW-Authenticate', 'Bearer realm="linkages"');
      throw problemException('unauthenticated', 'A bearer token is required');
    }
    try {
      const refusedBefore = this.refusals?.refusedAgain(client, token);
      if (refusedBefore) throw refusedBefore;
      req.principal = await this.verifier.verify(token);
    } catch (error) {
      const reason =
        error instanceof AuthenticationError ? error : new AuthenticationError('malformed', 'The bearer token could not be verified');
      // An unreachable identity provider is no fault of the token: verify it again next time.
      const remember = reason.reason === 'issuer-unavailable' ? {} : { token: { value: token, refusal: reason } };
      await this.deny(req, res, { client, actor: anonymous, route, reason: `token refused: ${reason.reason}`, ...remember });
      res.setHeader(
        'WWW-Authenticate',
        `Bearer realm="linkages", error="invalid_token", error_description="${reason.message.replace(/"/g, "'")}"`,
      );
      throw problemException('invalid-token', reason.message, { reason: reason.reason });
    }
    const principal = req.principal;
    if (!hasPermission(principal.roles, policy.permission)) {
      const refusal = { client: `subject ${principal.subject}`, actor: auditActor(principal), route };
      await this.deny(req, res, { ...refusal, reason: `lacks permission ${policy.permission}` });
      throw problemException('forbidden', `Your roles do not grant ${policy.permission}`, { permission: policy.permission });
    }
    return true;
  }

  /** Audits a refusal; answers 429 (with Retry-After) instead when the client has spent its budget of refusals. */
  private async deny(req: AuthenticatedRequest, res: Response, refusal: Omit<AuthRefusal, 'correlationId'>): Promise<void> {
    const correlationId = req.correlationId;
    if (!this.refusals) {
      await this.audit.append(accessRefusalEntry(refusal.actor, refusal.route, refusal.reason, correlationId));
      return;
    }
    const retryAfter = await this.refusals.refuse({ ...refusal, ...(correlationId ? { correlationId } : {}) });
    if (retryAfter !== undefined) {
      res.setHeader('Retry-After', String(retryAfter));
      throw problemException('too-many-requests', 'Too many requests');
    }
  }
}
