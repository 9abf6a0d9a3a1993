import { Module } from '@nestjs/common';
import { FamilyResolver, IdentityRepository } from '@linkages/referrals-data-access';
import { DecideMatchReviewCommand } from './decide-match-review.command';
import { FamilyLinker } from './family-linker';
import { IdentityAudit, IdentityRefusalAudit } from './identity-audit';
import { LinkagesIdentityController } from './identity.controller';
import { ListMatchReviewsQuery } from './list-match-reviews.query';
import { MatchPipeline } from './match-pipeline';
import { ReadSharedFamilyQuery } from './read-shared-family.query';
import { UnlinkPersonCommand } from './unlink-person.command';

/** The matching and shared-family pieces the API and the worker both use (the worker's handlers inject these). */
export const identityProviders = [FamilyResolver, IdentityRepository, FamilyLinker, MatchPipeline];

/**
 * The shared family and matching API (issue 13, Deliver 1): the review queue, decisions, unlinks, the shared family.
 * Exports the resolver and the pipeline for the other Linkages slices (coordination, plan, timeline, referrals).
 */
@Module({
  controllers: [LinkagesIdentityController],
  providers: [
    ...identityProviders,
    IdentityAudit,
    IdentityRefusalAudit,
    ListMatchReviewsQuery,
    DecideMatchReviewCommand,
    UnlinkPersonCommand,
    ReadSharedFamilyQuery,
  ],
  exports: identityProviders,
})
export class LinkagesIdentityModule {}
