import { Module } from '@nestjs/common';
import { ReferralRepository } from '@linkages/referrals-data-access';
import { LinkagesAuthorityModule } from './authority/linkages-authority.module';
import { LinkagesIdentityModule } from './identity/linkages-identity.module';
import { MatchPersonQuery } from './person/match-person.query';
import { CreateReferralCommand } from './referral/create-referral.command';
import { ReadReferralQuery } from './referral/read-referral.query';
import { ReferralInCounty } from './referral/referral-in-county';
import { ReferralsController } from './referrals.controller';
import { TypedInHouseholdMatcher } from './referral/typed-in-household';

/** The use cases of the referrals API, one per file, grouped by aggregate. */
export const referralUseCases = [CreateReferralCommand, ReadReferralQuery, MatchPersonQuery];

/**
 * The referrals API: Linkages referrals. CreateReferral matches the typed-in members through the identity pipeline;
 * the referral-scoped authority routes use the authority use cases of the shared family (issue 13).
 */
@Module({
  imports: [LinkagesIdentityModule, LinkagesAuthorityModule],
  controllers: [ReferralsController],
  providers: [ReferralRepository, ReferralInCounty, TypedInHouseholdMatcher, ...referralUseCases],
  exports: [TypedInHouseholdMatcher],
})
export class ReferralsApiModule {}
