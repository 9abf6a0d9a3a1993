import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Permission, Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { householdCtxOf } from '../household/household.context';
import { calworksRecordRead, calworksRecordWrite } from '../household/household.permissions';
import { FindGoodCause } from './find-good-cause.command';
import { NoncomplianceEpisodeQuery } from './noncompliance-episode.query';
import { OpenNoncomplianceEpisode } from './open-noncompliance-episode.command';
import { ParticipantEpisodesQuery } from './participant-episodes.query';
import { RecordCompliancePlanOutcome } from './record-compliance-plan-outcome.command';
import { ReviewSanctionRequest } from './review-sanction-request.command';
import { SanctionRefusalAudit } from './sanction-refusal.audit';
import {
  compliancePlanBody,
  episodeListResponse,
  episodeResponse,
  goodCauseBody,
  openEpisodeBody,
  planOutcomeBody,
  supervisorReviewBody,
  type OpenEpisodeInput,
} from './sanction.schemas';
import { SignCompliancePlan } from './sign-compliance-plan.command';

/** A supervisor's review of a sanction request (RULES.md 3, "Sanction request and review"). */
export const calworksSanctionReview: Permission = 'calworks.sanction.review';

/** WTW noncompliance episodes: NA 840/845, the 20-day compliance period, good cause, compliance plans, sanction requests. */
@ApiTags('calworks')
@Controller()
@UseInterceptors(SanctionRefusalAudit)
export class NoncomplianceEpisodeController {
  constructor(
    private readonly open: OpenNoncomplianceEpisode,
    private readonly episodeQuery: NoncomplianceEpisodeQuery,
    private readonly participantEpisodes: ParticipantEpisodesQuery,
    private readonly findGoodCause: FindGoodCause,
    private readonly signPlan: SignCompliancePlan,
    private readonly planOutcome: RecordCompliancePlanOutcome,
    private readonly review: ReviewSanctionRequest,
  ) {}

  @Post('wtw-participants/:participantId/noncompliance-episodes')
  @ApiSuccess(episodeResponse, { status: 201, description: 'The episode and its sanction process, day 20 explained' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'NA 840 / NA 845 issued: a noncompliance episode and its sanction process (one per participant at a time)',
    description:
      'Starts the 20-day compliance period (day 1 is the day after the notice, ACL 03-59) and the ACL 15-99 60-day guard, as clocks that drive the process.',
  })
  @ApiJsonBody(openEpisodeBody)
  openEpisode(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @ValidBody(openEpisodeBody) body: OpenEpisodeInput,
  ) {
    return this.open.execute(householdCtxOf(p, c), id, body);
  }

  @Get('wtw-participants/:participantId/noncompliance-episodes')
  @ApiSuccess(episodeListResponse, { status: 200, description: 'The participant’s episodes, newest first' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'A participant’s noncompliance episodes (each parent of a two-parent AU has their own)' })
  episodes(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('participantId') id: string) {
    return this.participantEpisodes.execute(householdCtxOf(p, c), id);
  }

  @Get('noncompliance-episodes/:episodeId')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The process as it stands, every date explained' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'A noncompliance episode’s sanction process: state, dates with their explanations, clocks (audited read)' })
  episode(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('episodeId') id: string) {
    return this.episodeQuery.execute(householdCtxOf(p, c), id);
  }

  @Post('noncompliance-episodes/:episodeId/good-cause')
  @ApiSuccess(episodeResponse, { status: 201, description: 'The episode, resolved as good cause' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Good cause established in the compliance period (WTW 26 grounds of RULES.md 3; others refused)' })
  @ApiJsonBody(goodCauseBody)
  goodCause(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(goodCauseBody) body: z.output<typeof goodCauseBody>,
  ) {
    return this.findGoodCause.execute(householdCtxOf(p, c), id, body);
  }

  @Post('noncompliance-episodes/:episodeId/compliance-plan')
  @ApiSuccess(episodeResponse, { status: 201, description: 'The episode on its compliance plan' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'WTW 32 compliance plan signed by day 20 (refused after the sanction is imposed)' })
  @ApiJsonBody(compliancePlanBody)
  compliancePlan(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(compliancePlanBody) body: z.output<typeof compliancePlanBody>,
  ) {
    return this.signPlan.execute(householdCtxOf(p, c), id, body);
  }

  @Post('noncompliance-episodes/:episodeId/compliance-plan/outcome')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The episode after the plan’s outcome' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'The compliance plan completed, or failed: without good cause straight to a sanction request (NA 817)' })
  @ApiJsonBody(planOutcomeBody)
  outcome(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(planOutcomeBody) body: z.output<typeof planOutcomeBody>,
  ) {
    return this.planOutcome.execute(householdCtxOf(p, c), id, body);
  }

  @Post('noncompliance-episodes/:episodeId/supervisor-review')
  @ApiSuccess(episodeResponse, { status: 201, description: 'The episode: sanctioned (effective date explained) or resolved as good cause' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksSanctionReview)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Supervisor review of the sanction request (due in 1 working day, escalated when not): sanction, or good cause instead',
  })
  @ApiJsonBody(supervisorReviewBody)
  supervisorReview(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(supervisorReviewBody) body: z.output<typeof supervisorReviewBody>,
  ) {
    return this.review.execute(householdCtxOf(p, c), id, body);
  }
}
