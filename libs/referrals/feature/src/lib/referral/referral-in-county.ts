import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor, notFound } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { ReferralRepository, type ReferralEntity } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';

/** Object-level county check for the use cases that act on a referral: another county's referral is reported as absent, and the attempt is audited. */
@Injectable()
export class ReferralInCounty {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async find({ principal, correlationId }: RequestContext, referralId: string, purpose: string): Promise<ReferralEntity> {
    const referral = await this.referrals.inCounty(this.dataSource.manager, principal.county, referralId);
    if (!referral) {
      await this.audit.append({
        ...auditActor(principal),
        action: 'access',
        recordType: 'referral',
        recordId: referralId,
        purpose,
        outcome: 'denied',
        reason: 'not found in the caller’s county',
        correlationId,
      });
      throw notFound('referral');
    }
    return referral;
  }
}
