import { Module } from '@nestjs/common';
import { FamilyResolver, ReferralRepository, SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { ReferralInCounty } from '../referral/referral-in-county';
import { AuthorityRecorder } from './authority.recorder';
import { FamilyAuthoritiesController } from './family-authorities.controller';
import { FamilyDisclosure } from './family-disclosure';
import { FamilyInCounty } from './family-in-county';
import { ListAuthoritiesQuery } from './list-authorities.query';
import { RecordConsentCommand } from './record-consent.command';
import { RecordMdtCommand } from './record-mdt.command';
import { RevokeAuthorityCommand } from './revoke-authority.command';

/** What every cross-agency view of a shared family stands on: the family in the caller's county and the sharing policy over its authorities. */
export const sharedFamilyAccessProviders = [FamilyResolver, SharingAuthorityRepository, FamilyInCounty, FamilyDisclosure];

/** The authority use cases (each also answers on the referral's routes, recorded on the referral's shared family). */
export const authorityUseCases = [ListAuthoritiesQuery, RecordConsentCommand, RecordMdtCommand, RevokeAuthorityCommand];

/**
 * Authority to share on the shared family (issue 13, Deliver 2): its routes, and the providers the referral-scoped
 * authority routes need (exported: ReferralsApiModule imports this module).
 */
@Module({
  controllers: [FamilyAuthoritiesController],
  providers: [...sharedFamilyAccessProviders, ReferralRepository, ReferralInCounty, AuthorityRecorder, ...authorityUseCases],
  exports: [...sharedFamilyAccessProviders, AuthorityRecorder, ...authorityUseCases],
})
export class LinkagesAuthorityModule {}
