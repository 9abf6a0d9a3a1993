import { Module } from '@nestjs/common';
import { ReferralRepository, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { AuthorityRecorder } from './authority/authority.recorder';
import { ListAuthoritiesQuery } from './authority/list-authorities.query';
import { RecordConsentCommand } from './authority/record-consent.command';
import { RecordMdtCommand } from './authority/record-mdt.command';
import { RevokeAuthorityCommand } from './authority/revoke-authority.command';
import { LinkagesIdentityModule } from './identity/linkages-identity.module';
import { MatchPersonQuery } from './person/match-person.query';
import { CreateReferralCommand } from './referral/create-referral.command';
import { ReadReferralQuery } from './referral/read-referral.query';
import { ReferralInCounty } from './referral/referral-in-county';
import { ReferralsController } from './referrals.controller';

/** The use cases of the referrals API, one per file, grouped by aggregate. */
export const referralUseCases = [
  CreateReferralCommand,
  ReadReferralQuery,
  MatchPersonQuery,
  ListAuthoritiesQuery,
  RecordConsentCommand,
  RecordMdtCommand,
  RevokeAuthorityCommand,
];

/** The referrals API: Linkages referrals, identity matching and sharing authorities. */
@Module({
  // CreateReferral matches the typed-in members through the identity pipeline (issue 13).
  imports: [LinkagesIdentityModule],
  controllers: [ReferralsController],
  providers: [ReferralRepository, SharingAuthorityRepository, ReferralInCounty, AuthorityRecorder, ...referralUseCases],
})
export class ReferralsApiModule {}
