import { Module } from '@nestjs/common';
import { PreventionRepository } from '@linkages/referrals-data-access';
import { LinkagesAuthorityModule } from '../authority/linkages-authority.module';
import { LinkagesIdentityModule } from '../identity/linkages-identity.module';
import { TypedInHouseholdMatcher } from '../referral/typed-in-household';
import { CreatePreventionReferralCommand } from './create-prevention-referral.command';
import { PreventionController } from './prevention.controller';
import { RecordSpecialPopulationFactsCommand } from './record-special-population-facts.command';

export const preventionUseCases = [CreatePreventionReferralCommand, RecordSpecialPopulationFactsCommand];

/**
 * The typed-in Linkages facts (issue 13, Deliver 3): POST /prevention-referrals and POST
 * /shared-families/{familyId}/special-population-facts. Its tables (preventionEntities,
 * CreatePreventionReferralTables1772600000000 and PreventionRepository in @linkages/referrals-data-access) are in the
 * referrals data source through referralsEntities and referralsMigrations; its inbox handlers
 * (preventionEventHandlersProvider) in the worker.
 */
@Module({
  imports: [LinkagesIdentityModule, LinkagesAuthorityModule],
  controllers: [PreventionController],
  providers: [PreventionRepository, TypedInHouseholdMatcher, ...preventionUseCases],
})
export class LinkagesPreventionModule {}
