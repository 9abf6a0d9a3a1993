import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { AddPlanActivityCommand } from './add-plan-activity.command';
import { DecideWtwCountCommand } from './decide-wtw-count.command';
import {
  addPlanActivityBody,
  planResponse,
  recordCircumstancesBody,
  wtwCountBody,
  type AddPlanActivity,
  type RecordCircumstances,
  type WtwCountDecision,
} from './plan.schemas';
import type { PlanView } from './plan.view';
import { ReadPlanQuery } from './read-plan.query';
import { RecordCircumstancesCommand } from './record-circumstances.command';

/**
 * The coordinated case plan of a shared family (issue 13, Deliver 5): both agencies' activities with schedules and
 * weekly hours, conflicts flagged with their reasons, CWS activities marked for the workers to decide whether they
 * count toward WTW. Through the sharing policy (a CWS service's type and title are details), county-scoped, audited.
 */
@ApiTags('linkages')
@Controller('shared-families/:familyId/plan')
export class PlanController {
  constructor(
    private readonly readPlan: ReadPlanQuery,
    private readonly addActivity: AddPlanActivityCommand,
    private readonly recordCircumstances: RecordCircumstancesCommand,
    private readonly decideWtwCount: DecideWtwCountCommand,
  ) {}

  @Get()
  @Requires('linkages.family.read')
  @ApiOperation({ summary: 'Read the coordinated case plan, its conflicts and WTW-count candidates' })
  @ApiSuccess(planResponse, { status: 200, description: 'The plan as your authority allows, with `disclosure`' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @CorrelationId() correlationId: string,
  ): Promise<PlanView> {
    return this.readPlan.execute({ principal, correlationId }, familyId);
  }

  @Post('activities')
  @Requires('linkages.plan.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Add an activity to the coordinated plan (by its own agency’s staff)',
    description:
      'Child welfare enters court-ordered services and case-plan activities with their schedules; the plan is re-evaluated and each new conflict flagged once (`linkages.plan-conflict-flagged`).',
  })
  @ApiJsonBody(addPlanActivityBody)
  @ApiSuccess(planResponse, { status: 201, description: 'The plan with the activity' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority', 'impossible-sequence')
  add(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(addPlanActivityBody) body: AddPlanActivity,
    @CorrelationId() correlationId: string,
  ): Promise<PlanView> {
    return this.addActivity.execute({ principal, correlationId }, familyId, body);
  }

  @Post('circumstances')
  @Requires('linkages.plan.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a person’s circumstances (transport, licence, transit, child care); the plan is re-evaluated' })
  @ApiJsonBody(recordCircumstancesBody)
  @ApiSuccess(planResponse, { status: 200, description: 'The plan as it now is' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  circumstances(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @ValidBody(recordCircumstancesBody) body: RecordCircumstances,
    @CorrelationId() correlationId: string,
  ): Promise<PlanView> {
    return this.recordCircumstances.execute({ principal, correlationId }, familyId, body);
  }

  @Post('activities/:activityId/wtw-count')
  @Requires('linkages.plan.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Decide whether a CWS activity counts toward WTW participation (CalWORKs staff)',
    description:
      'Candidates are only marked; nothing counts until a CalWORKs worker confirms. Decided once. A CWS activity you see only as a schedule block (no consent or MDT membership covering it; a substance-use item without a consent naming substance-use records) is answered 404, as if absent, and the attempt audited.',
  })
  @ApiJsonBody(wtwCountBody)
  @ApiSuccess(planResponse, { status: 200, description: 'The plan as it now is' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority', 'impossible-sequence')
  wtwCount(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @UuidParam('activityId') activityId: string,
    @ValidBody(wtwCountBody) body: WtwCountDecision,
    @CorrelationId() correlationId: string,
  ): Promise<PlanView> {
    return this.decideWtwCount.execute({ principal, correlationId }, familyId, activityId, body);
  }
}
