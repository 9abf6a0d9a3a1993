import { Module } from '@nestjs/common';
import { SanctionRepository } from '@linkages/calworks-data-access';
import { CalworksHouseholdModule } from '../household/calworks-household.module';
import { CompleteCure } from './complete-cure.command';
import { DecideStateHearing } from './decide-state-hearing.command';
import { ExtendChildCareGoodCause } from './extend-child-care-good-cause.command';
import { FindGoodCause } from './find-good-cause.command';
import { NoncomplianceEpisodeController } from './noncompliance-episode.controller';
import { NoncomplianceEpisodeQuery } from './noncompliance-episode.query';
import { OpenNoncomplianceEpisode } from './open-noncompliance-episode.command';
import { ParticipantEpisodesQuery } from './participant-episodes.query';
import { RecordChildCareInPlace } from './record-child-care-in-place.command';
import { RecordCompliancePlanOutcome } from './record-compliance-plan-outcome.command';
import { RequestCure } from './request-cure.command';
import { RequestStateHearing } from './request-state-hearing.command';
import { ReviewSanctionRequest } from './review-sanction-request.command';
import { SanctionCureController } from './sanction-cure.controller';
import { SanctionLinkages } from './sanction-linkages';
import { SanctionProcesses } from './sanction-processes';
import { SanctionRefusalAudit } from './sanction-refusal.audit';
import { SignCompliancePlan } from './sign-compliance-plan.command';
import { SignCurePlan } from './sign-cure-plan.command';

const episodeUseCases = [
  OpenNoncomplianceEpisode,
  NoncomplianceEpisodeQuery,
  ParticipantEpisodesQuery,
  FindGoodCause,
  SignCompliancePlan,
  RecordCompliancePlanOutcome,
  ReviewSanctionRequest,
];
const cureUseCases = [
  RequestCure,
  SignCurePlan,
  ExtendChildCareGoodCause,
  RecordChildCareInPlace,
  CompleteCure,
  RequestStateHearing,
  DecideStateHearing,
];

/**
 * The WTW sanction process's API: each write is a validated update to the episode's workflow
 * (`calworks/sanction/<episodeId>`), which owns the sequence. Finds participants through the household module.
 */
@Module({
  imports: [CalworksHouseholdModule],
  controllers: [NoncomplianceEpisodeController, SanctionCureController],
  providers: [SanctionRepository, SanctionProcesses, SanctionLinkages, SanctionRefusalAudit, ...episodeUseCases, ...cureUseCases],
  exports: [SanctionRepository, SanctionLinkages],
})
export class CalworksSanctionModule {}
