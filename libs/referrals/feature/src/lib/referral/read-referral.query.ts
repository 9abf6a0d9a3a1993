import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { auditActor, noSharingAuthority, notFound } from '@linkages/platform-auth';
import { decideCwsDisclosure, redact } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { PersonalData } from '@linkages/platform-crypto';
import { ReferralRepository, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import {
  authorityLabel,
  disclosed,
  readRefusal,
  referralClassification,
  toSharingAuthority,
  type DisclosedReferral,
} from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import { referralView } from './referral.view';

/**
 * A referral read through the sharing policy: child welfare sees the whole record, CalWORKs what its authority
 * allows. Every read, allowed or refused, is audited with the authority it relied on (a CalWORKs read is a share).
 */
@Injectable()
export class ReadReferralQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly authorities: SharingAuthorityRepository,
    private readonly personalData: PersonalData,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute({ principal, correlationId }: RequestContext, referralId: string): Promise<DisclosedReferral> {
    const referral = await this.referrals.withMembers(this.dataSource.manager, referralId);
    const authorities = referral ? await this.authorities.ofReferral(this.dataSource.manager, referral.id) : [];
    const decision = referral
      ? decideCwsDisclosure(principal, { county: referral.countyCode }, authorities.map(toSharingAuthority), new Date())
      : undefined;
    const action = principal.agency === 'cws' ? 'read' : 'share';
    if (!referral || !decision?.allowed) {
      const refusal = readRefusal(referral !== null, decision);
      await this.audit.append({
        ...auditActor(principal),
        action,
        recordType: 'referral',
        recordId: referralId,
        purpose: 'view referral',
        outcome: 'denied',
        reason: refusal.reason,
        correlationId,
      });
      if (refusal.answer === 'not-found') throw notFound('referral');
      throw noSharingAuthority('Your agency has no authority to see this child-welfare record');
    }
    const view = referralView(referral, this.personalData);
    await this.audit.append({
      ...auditActor(principal),
      action,
      recordType: 'referral',
      recordId: referral.id,
      recordCounty: referral.countyCode,
      purpose: 'view referral',
      authority: authorityLabel(decision),
      outcome: 'allowed',
      correlationId,
      details: { classes: decision.classes },
    });
    return disclosed(redact(view, referralClassification, decision) ?? {}, decision);
  }
}
