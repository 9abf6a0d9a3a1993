import { Injectable } from '@nestjs/common';
import { RefusalAuditInterceptor, type BusinessRefusal, type RefusalActor, type RefusedRecord } from '@linkages/platform-http';
import { HouseholdAudit } from '../household/household-audit';

/**
 * Every business refusal of an FR write (409 impossible-sequence, the process's reason) is audited once, here:
 * outcome 'denied' with the reason, on the removal or review-list entry it leaves unchanged.
 */
@Injectable()
export class FrRefusalAudit extends RefusalAuditInterceptor {
  constructor(private readonly audit: HouseholdAudit) {
    super();
  }

  protected recordOf(params: Record<string, string | undefined>): RefusedRecord {
    return params['reviewId']
      ? { recordType: 'fr-review', recordId: params['reviewId'], action: 'update' }
      : { recordType: 'fr-removal', recordId: params['removalId'] ?? null, action: 'update' };
  }

  protected record(actor: RefusalActor, r: RefusedRecord, county: string, refusal: BusinessRefusal, route: string): Promise<void> {
    return this.audit.refused(actor, r.action, r.recordType, r.recordId, county, refusal.reason, { refusal: refusal.refusal, route });
  }
}
