import { Controller, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { householdCtxOf } from '../household/household.context';
import { calworksRecordWrite } from '../household/household.permissions';
import { CompleteCure } from './complete-cure.command';
import { DecideStateHearing } from './decide-state-hearing.command';
import { ExtendChildCareGoodCause } from './extend-child-care-good-cause.command';
import { RecordChildCareInPlace } from './record-child-care-in-place.command';
import { RequestCure } from './request-cure.command';
import { RequestStateHearing } from './request-state-hearing.command';
import { SanctionRefusalAudit } from './sanction-refusal.audit';
import {
  childCareBody,
  childCareExtensionBody,
  cureCompletedBody,
  cureRequestBody,
  curePlanBody,
  episodeResponse,
  hearingDecisionBody,
  stateHearingBody,
} from './sanction.schemas';
import { SignCurePlan } from './sign-cure-plan.command';

type Body<S extends z.ZodType> = z.output<S>;

/** Curing a sanction (ACL 06-27, 07-04; SB 80) and the state hearing on it (MPP 22-009.1). */
@ApiTags('calworks')
@Controller('noncompliance-episodes/:episodeId')
@UseInterceptors(SanctionRefusalAudit)
export class SanctionCureController {
  constructor(
    private readonly requestCure: RequestCure,
    private readonly signCurePlan: SignCurePlan,
    private readonly childCare: RecordChildCareInPlace,
    private readonly extendChildCare: ExtendChildCareGoodCause,
    private readonly completeCure: CompleteCure,
    private readonly requestHearing: RequestStateHearing,
    private readonly decideHearing: DecideStateHearing,
  ) {}

  @Post('cure-requests')
  @ApiSuccess(episodeResponse, { status: 201, description: 'The episode with the cure asked for; the cure plan clock (10 days) explained' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'The participant asks to cure the sanction (WTW 31), at any time; refused when there is no sanction' })
  @ApiJsonBody(cureRequestBody)
  cure(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(cureRequestBody) body: Body<typeof cureRequestBody>,
  ) {
    return this.requestCure.execute(householdCtxOf(p, c), id, body);
  }

  @Post('cure-plan')
  @ApiSuccess(episodeResponse, {
    status: 201,
    description: 'The episode with the cure plan; the cure activity clock (30 days) when it starts',
  })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'WTW 29 cure plan signed; the cure activity starts unless child care is still being arranged (SB 80)' })
  @ApiJsonBody(curePlanBody)
  curePlan(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(curePlanBody) body: Body<typeof curePlanBody>,
  ) {
    return this.signCurePlan.execute(householdCtxOf(p, c), id, body);
  }

  @Post('child-care-good-cause-extension')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The episode with the SB 80 good cause extended to 30 days' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'SB 80: child care still being arranged: one more 15-day increment of good cause (30 days at most)' })
  @ApiJsonBody(childCareExtensionBody)
  childCareExtension(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(childCareExtensionBody) body: Body<typeof childCareExtensionBody>,
  ) {
    return this.extendChildCare.execute(householdCtxOf(p, c), id, body);
  }

  @Post('child-care-in-place')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The episode with child care in place' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'SB 80: child care in place; the cure activity may now be required' })
  @ApiJsonBody(childCareBody)
  childCareInPlace(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(childCareBody) body: Body<typeof childCareBody>,
  ) {
    return this.childCare.execute(householdCtxOf(p, c), id, body);
  }

  @Post('cure-completed')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The episode, cured (aid restored on the 1st after the contact) or lifted' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'The cure activity is done: aid restored on the 1st of the month after the cure contact, or no cut if before it took effect',
  })
  @ApiJsonBody(cureCompletedBody)
  cured(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(cureCompletedBody) body: Body<typeof cureCompletedBody>,
  ) {
    return this.completeCure.execute(householdCtxOf(p, c), id, body);
  }

  @Post('state-hearing-request')
  @ApiSuccess(episodeResponse, {
    status: 201,
    description: 'The episode with the hearing pending (aid paid pending when asked before the effective date)',
  })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'State hearing requested within 90 days of the sanction’s effective date (MPP 22-009.1)' })
  @ApiJsonBody(stateHearingBody)
  hearing(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(stateHearingBody) body: Body<typeof stateHearingBody>,
  ) {
    return this.requestHearing.execute(householdCtxOf(p, c), id, body);
  }

  @Post('state-hearing-decision')
  @ApiSuccess(episodeResponse, { status: 200, description: 'The episode after the decision' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'State hearing decided: sustained, or reversed (the sanction undone as good cause)' })
  @ApiJsonBody(hearingDecisionBody)
  decision(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('episodeId') id: string,
    @ValidBody(hearingDecisionBody) body: Body<typeof hearingDecisionBody>,
  ) {
    return this.decideHearing.execute(householdCtxOf(p, c), id, body);
  }
}
