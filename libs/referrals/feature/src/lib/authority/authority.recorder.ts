import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SharingAuthorityEntity, SharingAuthorityRepository, type ReferralEntity } from '@linkages/referrals-data-access';
import type { AuthorityTerms } from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import { authorityView, type AuthorityView } from './authority.view';

/** Records a consent or an MDT membership on its terms, with its audit record, in one transaction. */
@Injectable()
export class AuthorityRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorities: SharingAuthorityRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async record({ principal, correlationId }: RequestContext, referral: ReferralEntity, terms: AuthorityTerms): Promise<AuthorityView> {
    const authority = Object.assign(new SharingAuthorityEntity(), {
      ...terms,
      id: randomUUID(),
      referralId: referral.id,
      countyCode: referral.countyCode,
      recordedBy: principal.subject,
      recordedAt: new Date(),
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    });
    await this.dataSource.transaction(async (tx) => {
      await this.authorities.save(tx, authority);
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'create',
          recordType: 'sharing-authority',
          recordId: authority.id,
          recordCounty: referral.countyCode,
          purpose: `record ${terms.kind}`,
          outcome: 'allowed',
          correlationId,
          details: { referralId: referral.id, kind: terms.kind, expiresAt: terms.expiresAt.toISOString() },
        },
        tx,
      );
    });
    return authorityView(authority);
  }
}
