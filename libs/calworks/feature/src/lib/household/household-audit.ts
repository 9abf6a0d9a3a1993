import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { RecordAudit } from '@linkages/platform-auth';

/** How CalWORKs casework is audited: changes in their transaction, reads, refusals and denied lookups. */
@Injectable()
export class HouseholdAudit extends RecordAudit {
  constructor(@Inject(AUDIT_LOG) audit: AuditLog) {
    super(audit, { casework: 'calworks casework', access: 'calworks record' });
  }
}
