import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import { authorityView, type AuthorityView } from './authority.view';

/** The sharing authorities recorded for a referral of the caller's county, with whether each is in force now. Audited. */
@Injectable()
export class ListAuthoritiesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referralInCounty: ReferralInCounty,
    private readonly authorities: SharingAuthorityRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, referralId: string): Promise<AuthorityView[]> {
    const { principal, correlationId } = ctx;
    const referral = await this.referralInCounty.find(ctx, referralId, 'list sharing authorities');
    const rows = await this.authorities.ofReferral(this.dataSource.manager, referral.id);
    await this.audit.append({
      ...auditActor(principal),
      action: 'read',
      recordType: 'sharing-authorities',
      recordId: referral.id,
      recordCounty: referral.countyCode,
      purpose: 'list sharing authorities',
      outcome: 'allowed',
      correlationId,
      details: { count: rows.length },
    });
    return rows.map(authorityView);
  }
}
