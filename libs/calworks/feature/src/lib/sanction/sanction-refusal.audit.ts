import { Injectable } from '@nestjs/common';
import { RefusalAuditInterceptor, type BusinessRefusal, type RefusalActor, type RefusedRecord } from '@linkages/platform-http';
import { HouseholdAudit } from '../household/household-audit';

/** Every refusal of a sanction-process write is audited once, here, as denied with the reason (nothing changed). */
@Injectable()
export class SanctionRefusalAudit extends RefusalAuditInterceptor {
  constructor(private readonly audit: HouseholdAudit) {
    super();
  }

  protected recordOf(params: Record<string, string | undefined>): RefusedRecord {
    const details = params['participantId'] ? { participantId: params['participantId'] } : {};
    return params['episodeId']
      ? { recordType: 'noncompliance-episode', recordId: params['episodeId'], action: 'update', details }
      : { recordType: 'noncompliance-episode', recordId: null, action: 'create', details };
  }

  protected record(actor: RefusalActor, r: RefusedRecord, county: string, refusal: BusinessRefusal, route: string): Promise<void> {
    return this.audit.refused(actor, r.action, r.recordType, r.recordId, county, refusal.reason, {
      refusal: refusal.refusal,
      route,
      ...r.details,
    });
  }
}
