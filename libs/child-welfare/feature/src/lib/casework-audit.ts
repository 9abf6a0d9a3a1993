import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { RecordAudit } from '@linkages/platform-auth';

/** How child-welfare casework is audited: changes in their transaction, reads, shares, refusals and denied lookups. */
@Injectable()
export class CaseworkAudit extends RecordAudit {
  constructor(@Inject(AUDIT_LOG) audit: AuditLog) {
    super(audit, { casework: 'child-welfare casework', access: 'child-welfare record' });
  }
}
