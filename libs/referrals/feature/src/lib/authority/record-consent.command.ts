import { Injectable } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';
import { consentDateRefusals, consentTerms, consentValidityFor, type AuthorityTerms } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import type { RecordConsent } from '../referral.schemas';
import { AuthorityRecorder } from './authority.recorder';
import { authorityView, familyAuthorityView, type AuthorityView, type FamilyAuthorityView } from './authority.view';
import { FamilyInCounty } from './family-in-county';

/**
 * Records a signed authorization for release of information (WIC 18986.46) on a shared family of the caller's county,
 * or on a referral (recorded on the referral's shared family). Its expiry is the authority's process's timer. Its
 * dates are bounded first (referrals-domain `consentDateRefusals`: signed by today, expiring after the signature and
 * within the county's maximum term): out of bounds, a 400 validation problem names each field and bound, and nothing
 * is written.
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
    return authorityView(await this.recorder.record(ctx, { referral }, boundedTerms(referral.countyCode, input)));
  }

  async executeOnFamily(ctx: RequestContext, familyId: string, input: RecordConsent): Promise<FamilyAuthorityView> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record consent');
    return familyAuthorityView(await this.recorder.record(ctx, { family }, boundedTerms(family.countyCode, input)));
  }
}

/** The consent's terms, or the validation problem naming every date out of its bounds in the county. */
function boundedTerms(countyCode: string, input: RecordConsent): AuthorityTerms {
  const refusals = consentDateRefusals(input, new Date(), consentValidityFor(countyCode));
  if (refusals.length > 0)
    throw problemException(
      'validation',
      `The consent's dates are out of bounds (${refusals.length} problem${refusals.length === 1 ? '' : 's'})`,
      { errors: refusals.map((r) => ({ field: `body.${r.field}`, message: r.message })) },
    );
  return consentTerms(input);
}
