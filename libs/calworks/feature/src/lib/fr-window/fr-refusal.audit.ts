import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { HouseholdAudit } from '../household/household-audit';
import { householdRefusalOf } from '../household/household.problems';

interface RefusedRequest {
  principal?: Principal;
  correlationId?: string;
  method?: string;
  route?: { path?: string };
  params?: Record<string, string | undefined>;
}

/**
 * Every business refusal of an FR write (409 impossible-sequence, the process's reason) is audited once, here:
 * outcome 'denied' with the reason, on the removal or review-list entry it leaves unchanged.
 */
@Injectable()
export class FrRefusalAudit implements NestInterceptor {
  constructor(private readonly audit: HouseholdAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const refused = householdRefusalOf(error);
        const req = context.switchToHttp().getRequest<RefusedRequest>();
        if (!refused || !req.principal) return throwError(() => error);
        const params = req.params ?? {};
        const [recordType, recordId] = params['reviewId'] ? ['fr-review', params['reviewId']] : ['fr-removal', params['removalId'] ?? null];
        const ctx = { principal: req.principal, correlationId: req.correlationId ?? 'unknown' };
        return from(
          this.audit.refused(ctx, 'update', recordType ?? 'fr-removal', recordId ?? null, req.principal.county, refused.reason, {
            refusal: refused.refusal,
            route: `${req.method ?? 'POST'} ${req.route?.path ?? ''}`,
          }),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
