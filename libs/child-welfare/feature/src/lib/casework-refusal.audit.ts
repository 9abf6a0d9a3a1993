import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { CaseworkAudit } from './casework-audit';
import { businessRefusalReason } from './casework.problems';

interface RefusedRequest {
  principal?: Principal;
  correlationId?: string;
  method?: string;
  route?: { path?: string };
  params?: Record<string, string | undefined>;
}

/** The record a child-welfare write addresses, from its route (the record the refusal leaves unchanged). */
function recordOf(
  params: Record<string, string | undefined>,
  path: string,
): { recordType: string; recordId: string | null; action: string } {
  if (params['caseId']) return { recordType: 'case', recordId: params['caseId'], action: 'update' };
  if (params['referralId']) return { recordType: 'cws-referral', recordId: params['referralId'], action: 'update' };
  if (params['familyId']) return { recordType: 'family', recordId: params['familyId'], action: 'update' };
  return { recordType: path.includes('famil') ? 'family' : 'cws-referral', recordId: null, action: 'create' };
}

/**
 * Every business refusal of a rule-bound write (the impossible-sequence 409 of `impossible()` / `refuse()`) is
 * audited once, here: outcome 'denied' with the reason, written after the command's transaction rolled back, as the
 * AB 2085 refusal is (screen-referral.command.ts). Other errors pass through unaudited.
 */
@Injectable()
export class CaseworkRefusalAudit implements NestInterceptor {
  constructor(private readonly audit: CaseworkAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const reason = businessRefusalReason(error);
        const req = context.switchToHttp().getRequest<RefusedRequest>();
        if (!reason || !req.principal) return throwError(() => error);
        const path = req.route?.path ?? '';
        const { recordType, recordId, action } = recordOf(req.params ?? {}, path);
        const ctx = { principal: req.principal, correlationId: req.correlationId ?? 'unknown' };
        return from(
          this.audit.refused(ctx, action, recordType, recordId, req.principal.county, reason, {
            refusal: 'impossible-sequence',
            route: `${req.method ?? 'POST'} ${path}`,
          }),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
