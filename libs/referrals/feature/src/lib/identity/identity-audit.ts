import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { auditActor, notFound } from '@linkages/platform-auth';
import { RefusalAuditInterceptor, type BusinessRefusal, type RefusalActor, type RefusedRecord } from '@linkages/platform-http';

/** The identity routes' audit: reads, another county's record (absent, audited), and business refusals (409). */
@Injectable()
export class IdentityAudit {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  /** Another county's (or no) record: audited as a denied access, answered 404. */
  async absent(principal: Principal, correlationId: string, recordType: string, recordId: string, purpose: string): Promise<never> {
    await this.audit.append({
      ...auditActor(principal),
      action: 'access',
      recordType,
      recordId,
      purpose,
      outcome: 'denied',
      reason: 'not found in the caller’s county',
      correlationId,
    });
    throw notFound(recordType);
  }

  read(
    principal: Principal,
    correlationId: string,
    recordType: string,
    recordId: string | null,
    details: Record<string, unknown>,
    tx?: EntityManager,
  ) {
    return this.audit.append(
      {
        ...auditActor(principal),
        action: 'read',
        recordType,
        recordId,
        recordCounty: principal.county,
        purpose: 'linkages matching',
        outcome: 'allowed',
        correlationId,
        details,
      },
      tx,
    );
  }

  refused(actor: RefusalActor, record: RefusedRecord, county: string, refusal: BusinessRefusal, route: string) {
    return this.audit.append({
      ...auditActor(actor.principal),
      action: record.action,
      recordType: record.recordType,
      recordId: record.recordId,
      recordCounty: county,
      purpose: 'linkages matching',
      outcome: 'denied',
      reason: refusal.reason,
      correlationId: actor.correlationId,
      details: { refusal: refusal.refusal, route },
    });
  }
}

/** Every 409 of a review decision or an unlink is audited once, as denied with its reason. */
@Injectable()
export class IdentityRefusalAudit extends RefusalAuditInterceptor {
  constructor(private readonly audit: IdentityAudit) {
    super();
  }

  protected recordOf(params: Record<string, string | undefined>): RefusedRecord {
    return params['reviewId']
      ? { recordType: 'match-review', recordId: params['reviewId'], action: 'update' }
      : { recordType: 'person-link', recordId: params['linkId'] ?? null, action: 'update' };
  }

  protected async record(actor: RefusalActor, r: RefusedRecord, county: string, refusal: BusinessRefusal, route: string): Promise<void> {
    await this.audit.refused(actor, r, county, refusal, route);
  }
}
