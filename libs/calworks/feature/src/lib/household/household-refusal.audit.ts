import { Injectable } from '@nestjs/common';
import { RefusalAuditInterceptor, type BusinessRefusal, type RefusalActor, type RefusedRecord } from '@linkages/platform-http';
import { HouseholdAudit } from './household-audit';

/**
 * Every business refusal of a household write (impossible-sequence, case-number-in-use) is audited once, here:
 * outcome 'denied' with the reason, written after the command's transaction rolled back. Other errors pass through.
 */
@Injectable()
export class HouseholdRefusalAudit extends RefusalAuditInterceptor {
  constructor(private readonly audit: HouseholdAudit) {
    super();
  }

  /** The record a household write addresses, from its route (the record the refusal leaves unchanged). */
  protected recordOf(params: Record<string, string | undefined>): RefusedRecord {
    if (params['exemptionId']) return { recordType: 'wtw-exemption', recordId: params['exemptionId'], action: 'update' };
    if (params['participantId']) return { recordType: 'wtw-participant', recordId: params['participantId'], action: 'update' };
    if (params['auId']) return { recordType: 'assistance-unit', recordId: params['auId'], action: 'update' };
    return { recordType: 'assistance-unit', recordId: null, action: 'create' };
  }

  protected record(actor: RefusalActor, r: RefusedRecord, county: string, refusal: BusinessRefusal, route: string): Promise<void> {
    return this.audit.refused(actor, r.action, r.recordType, r.recordId, county, refusal.reason, { refusal: refusal.refusal, route });
  }
}
