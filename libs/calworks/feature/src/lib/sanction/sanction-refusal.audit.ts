import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { HouseholdAudit } from '../household/household-audit';
import { sanctionRefusalOf } from './sanction.problems';

interface RefusedRequest {
  principal?: Principal;
  correlationId?: string;
  method?: string;
  route?: { path?: string };
  params?: Record<string, string | undefined>;
}

/** Every refusal of a sanction-process write is audited once, here, as denied with the reason (nothing changed). */
@Injectable()
export class SanctionRefusalAudit implements NestInterceptor {
  constructor(private readonly audit: HouseholdAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const refused = sanctionRefusalOf(error);
        const req = context.switchToHttp().getRequest<RefusedRequest>();
        if (!refused || !req.principal) return throwError(() => error);
        const params = req.params ?? {};
        const [recordType, recordId, action] = params['episodeId']
          ? ['noncompliance-episode', params['episodeId'], 'update']
          : ['noncompliance-episode', null, 'create'];
        const ctx = { principal: req.principal, correlationId: req.correlationId ?? 'unknown' };
        return from(
          this.audit.refused(
            ctx,
            action ?? 'update',
            recordType ?? 'noncompliance-episode',
            recordId ?? null,
            req.principal.county,
            refused.reason,
            {
              refusal: refused.refusal,
              route: `${req.method ?? 'POST'} ${req.route?.path ?? ''}`,
              ...(params['participantId'] ? { participantId: params['participantId'] } : {}),
            },
          ),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
