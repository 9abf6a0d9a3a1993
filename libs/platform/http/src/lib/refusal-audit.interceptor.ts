import type { CallHandler, ExecutionContext, HttpException, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { Principal } from '@linkages/platform-access';
import { problemException, problemOf, type ProblemRef } from './problem-registry';

/** What an audit writer needs to record a refusal: who asked, and the request's correlation id. */
export interface RefusalActor {
  principal: Principal;
  correlationId: string;
}

/** The record a refused write addressed (and leaves unchanged), read from its route. */
export interface RefusedRecord {
  recordType: string;
  recordId: string | null;
  action: string;
  details?: Record<string, unknown>;
}

/** A domain's business refusal: its reason in words and its problem slug (`impossible-sequence`, …). */
export interface BusinessRefusal {
  reason: string;
  refusal: string;
}

/** The business refusals raised by `refusedWrite`: the refusal audit records each one once. */
const businessRefusals = new WeakMap<object, BusinessRefusal>();

/**
 * A rule-bound write refused for a business reason (an impossible sequence, a case number in use): the problem to
 * throw, marked so that the refusal audit records it as `denied` with `message` as its reason.
 */
export function refusedWrite(problem: ProblemRef, message: string): HttpException {
  const error = problemException(problem, message);
  businessRefusals.set(error, { reason: message, refusal: problemOf(problem).slug });
  return error;
}

/** The business refusal `error` is, or undefined for any other error. */
export const businessRefusalOf = (error: unknown): BusinessRefusal | undefined =>
  typeof error === 'object' && error !== null ? businessRefusals.get(error) : undefined;

interface RefusedRequest {
  principal?: Principal;
  correlationId?: string;
  method?: string;
  route?: { path?: string };
  params?: Record<string, string | undefined>;
}

/**
 * Every business refusal of a rule-bound write (`refusedWrite`) is audited once: outcome `denied` with its reason,
 * written after the command's transaction rolled back (nothing else of the request is left). A domain extends this
 * with the record its routes address and its audit writer; other errors pass through unaudited.
 */
export abstract class RefusalAuditInterceptor implements NestInterceptor {
  /** The record the route addresses. */
  protected abstract recordOf(params: Record<string, string | undefined>, path: string): RefusedRecord;
  /** Appends the `denied` entry to the service's audit log. */
  protected abstract record(
    actor: RefusalActor,
    record: RefusedRecord,
    county: string,
    refusal: BusinessRefusal,
    route: string,
  ): Promise<void>;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const refusal = businessRefusalOf(error);
        const req = context.switchToHttp().getRequest<RefusedRequest>();
        if (!refusal || !req.principal) return throwError(() => error);
        const path = req.route?.path ?? '';
        const actor = { principal: req.principal, correlationId: req.correlationId ?? 'unknown' };
        return from(
          this.record(actor, this.recordOf(req.params ?? {}, path), req.principal.county, refusal, `${req.method ?? 'POST'} ${path}`),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
