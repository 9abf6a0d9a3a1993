import { Injectable } from '@nestjs/common';
import { consentTerms } from '@linkages/referrals-domain';
import { ReferralInCounty } from '../referral/referral-in-county';
import type { RequestContext } from '../request-context';
import type { RecordConsent } from '../referral.schemas';
import { AuthorityRecorder } from './authority.recorder';
import type { AuthorityView } from './authority.view';

/** Records a signed authorization for release of information (WIC 18986.46) on a referral of the caller's county. */
@Injectable()
export class RecordConsentCommand {
  constructor(
    private readonly referralInCounty: ReferralInCounty,
    private readonly recorder: AuthorityRecorder,
  ) {}

  async execute(ctx: RequestContext, referralId: string, input: RecordConsent): Promise<AuthorityView> {
    const referral = await this.referralInCounty.find(ctx, referralId, 'record consent');
    return this.recorder.record(ctx, referral, consentTerms(input));
  }
}
