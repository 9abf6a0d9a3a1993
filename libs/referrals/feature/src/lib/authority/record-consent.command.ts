import { Injectable } from '@nestjs/common';
import { consentTerms } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import type { RecordConsent } from '../referral.schemas';
import { AuthorityRecorder } from './authority.recorder';
import { authorityView, familyAuthorityView, type AuthorityView, type FamilyAuthorityView } from './authority.view';
import { FamilyInCounty } from './family-in-county';

/**
 * Records a signed authorization for release of information (WIC 18986.46) on a shared family of the caller's county,
 * or on a referral (recorded on the referral's shared family). Its expiry is the authority's process's timer.
 */
@Injectable()
export class RecordConsentCommand {
  constructor(
    private readonly referralInCounty: ReferralInCounty,
    private readonly familyInCounty: FamilyInCounty,
    private readonly recorder: AuthorityRecorder,
  ) {}

  async execute(ctx: RequestContext, referralId: string, input: RecordConsent): Promise<AuthorityView> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'record consent');
    return authorityView(await this.recorder.record(ctx, { referral }, consentTerms(input)));
  }

  async executeOnFamily(ctx: RequestContext, familyId: string, input: RecordConsent): Promise<FamilyAuthorityView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record consent');
    return familyAuthorityView(await this.recorder.record(ctx, { family }, consentTerms(input)));
  }
}
