import { Injectable } from '@nestjs/common';
import { RefusalAuditInterceptor, type BusinessRefusal, type RefusalActor, type RefusedRecord } from '@linkages/platform-http';
import { CaseworkAudit } from './casework-audit';

/**
 * Every business refusal of a child-welfare write (the impossible-sequence 409 of `impossible()` / `refuse()`) is
 * audited once, here, as `denied` with the reason, after the command's transaction rolled back, as the AB 2085
 * refusal is (screen-referral.command.ts).
 */
@Injectable()
export class CaseworkRefusalAudit extends RefusalAuditInterceptor {
  constructor(private readonly audit: CaseworkAudit) {
    super();
  }

  /** The record a child-welfare write addresses, from its route (the record the refusal leaves unchanged). */
  protected recordOf(params: Record<string, string | undefined>, path: string): RefusedRecord {
    if (params['caseId']) return { recordType: 'case', recordId: params['caseId'], action: 'update' };
    if (params['referralId']) return { recordType: 'cws-referral', recordId: params['referralId'], action: 'update' };
    if (params['familyId']) return { recordType: 'family', recordId: params['familyId'], action: 'update' };
    return { recordType: path.includes('famil') ? 'family' : 'cws-referral', recordId: null, action: 'create' };
  }

  protected record(actor: RefusalActor, r: RefusedRecord, county: string, refusal: BusinessRefusal, route: string): Promise<void> {
    return this.audit.refused(actor, r.action, r.recordType, r.recordId, county, refusal.reason, { refusal: refusal.refusal, route });
  }
}
