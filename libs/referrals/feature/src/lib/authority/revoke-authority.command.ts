import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor, notFound } from '@linkages/platform-auth';
import { problemException } from '@linkages/platform-http';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { revocationRefusal } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import { alreadyRevoked } from './authority.problems';
import { authorityView, type AuthorityView } from './authority.view';

/** Revokes a consent or ends an MDT membership (once: a second revocation is a conflict). */
@Injectable()
export class RevokeAuthorityCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referralInCounty: ReferralInCounty,
    private readonly authorities: SharingAuthorityRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, referralId: string, authorityId: string, reason: string): Promise<AuthorityView> {
    const { principal, correlationId } = ctx;
    const referral = await this.referralInCounty.find(ctx, referralId, 'revoke sharing authority');
    return this.dataSource.transaction(async (tx) => {
      const authority = await this.authorities.ofReferralForUpdate(tx, referral.id, authorityId);
      if (!authority) throw notFound('sharing authority');
      if (revocationRefusal(authority) === 'already-revoked') throw problemException(alreadyRevoked, 'This authority is already revoked');
      Object.assign(authority, { revokedAt: new Date(), revokedBy: principal.subject, revocationReason: reason });
      await this.authorities.save(tx, authority);
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'update',
          recordType: 'sharing-authority',
          recordId: authority.id,
          recordCounty: referral.countyCode,
          purpose: 'revoke sharing authority',
          outcome: 'allowed',
          correlationId,
          details: { kind: authority.kind },
        },
        tx,
      );
      return authorityView(authority);
    });
  }
}
