import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import { authorityView, familyAuthorityView, type AuthorityView, type FamilyAuthorityView } from './authority.view';
import { FamilyInCounty } from './family-in-county';

/** The sharing authorities recorded for a referral or a shared family of the caller's county, with whether each is in force now. Audited. */
@Injectable()
export class ListAuthoritiesQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referralInCounty: ReferralInCounty,
    private readonly familyInCounty: FamilyInCounty,
    private readonly authorities: SharingAuthorityRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, referralId: string): Promise<AuthorityView[]> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'list sharing authorities');
    const rows = await this.authorities.ofReferral(this.dataSource.manager, referral.id);
    await this.audited(ctx, referral.id, referral.countyCode, rows.length);
    return rows.map((a) => authorityView(a));
  }

  async executeOnFamily(ctx: RequestContext, familyId: string): Promise<FamilyAuthorityView[]> {
    const family = await this.familyInCounty.find(ctx, familyId, 'list sharing authorities');
    const rows = await this.authorities.ofFamilies(this.dataSource.manager, family.familyIds);
    await this.audited(ctx, family.familyId, family.countyCode, rows.length);
    const now = new Date();
    return rows.map((a) => familyAuthorityView(a, now));
  }

  private async audited({ principal, correlationId }: RequestContext, recordId: string, county: string, count: number) {
    await this.audit.append({
      ...auditActor(principal),
      action: 'read',
      recordType: 'sharing-authorities',
      recordId,
      recordCounty: county,
      purpose: 'list sharing authorities',
      outcome: 'allowed',
      correlationId,
      details: { count },
    });
  }
}
