import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { HouseholdAudit } from './household-audit';
import { householdRefusalOf } from './household.problems';

interface RefusedRequest {
  principal?: Principal;
  correlationId?: string;
  method?: string;
  route?: { path?: string };
  params?: Record<string, string | undefined>;
}

/** The record a household write addresses, from its route (the record the refusal leaves unchanged). */
function recordOf(params: Record<string, string | undefined>): { recordType: string; recordId: string | null; action: string } {
  if (params['exemptionId']) return { recordType: 'wtw-exemption', recordId: params['exemptionId'], action: 'update' };
  if (params['participantId']) return { recordType: 'wtw-participant', recordId: params['participantId'], action: 'update' };
  if (params['auId']) return { recordType: 'assistance-unit', recordId: params['auId'], action: 'update' };
  return { recordType: 'assistance-unit', recordId: null, action: 'create' };
}

/**
 * Every business refusal of a household write (impossible-sequence, case-number-in-use) is audited once, here:
 * outcome 'denied' with the reason, written after the command's transaction rolled back. Other errors pass through.
 */
@Injectable()
export class HouseholdRefusalAudit implements NestInterceptor {
  constructor(private readonly audit: HouseholdAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const refused = householdRefusalOf(error);
        const req = context.switchToHttp().getRequest<RefusedRequest>();
        if (!refused || !req.principal) return throwError(() => error);
        const path = req.route?.path ?? '';
        const { recordType, recordId, action } = recordOf(req.params ?? {});
        const ctx = { principal: req.principal, correlationId: req.correlationId ?? 'unknown' };
        return from(
          this.audit.refused(ctx, action, recordType, recordId, req.principal.county, refused.reason, {
            refusal: refused.refusal,
            route: `${req.method ?? 'POST'} ${path}`,
          }),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
