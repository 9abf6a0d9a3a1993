import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { HouseholdRefusalAudit } from '../household-refusal.audit';
import { householdCtxOf } from '../household.context';
import { calworksRecordRead, calworksRecordWrite } from '../household.permissions';
import { AddSupportiveService } from './add-supportive-service.command';
import { EnrollWtwParticipant } from './enroll-wtw-participant.command';
import { ReferFamilyStabilization } from './refer-family-stabilization.command';
import { RequestExemption } from './request-exemption.command';
import { SignWtwPlan } from './sign-wtw-plan.command';
import { VerifyExemption } from './verify-exemption.command';
import { WtwParticipantQuery } from './wtw-participant.query';
import {
  enrollBody,
  exemptionBody,
  familyStabilizationBody,
  planBody,
  supportiveServiceBody,
  verificationBody,
  wtwParticipantResponse,
  type EnrollInput,
  type ExemptionInput,
  type FamilyStabilizationInput,
  type PlanInput,
  type SupportiveServiceInput,
  type VerificationInput,
} from './wtw.schemas';

/** Welfare-to-Work participants: plans with activities and weekly hours, exemptions and their verification, services, FS. */
@ApiTags('calworks')
@Controller()
@UseInterceptors(HouseholdRefusalAudit)
export class WtwParticipantController {
  constructor(
    private readonly enroll: EnrollWtwParticipant,
    private readonly participantQuery: WtwParticipantQuery,
    private readonly signPlan: SignWtwPlan,
    private readonly requestExemption: RequestExemption,
    private readonly verifyExemption: VerifyExemption,
    private readonly addSupportiveService: AddSupportiveService,
    private readonly referFamilyStabilization: ReferFamilyStabilization,
  ) {}

  @Post('assistance-units/:auId/wtw-participants')
  @ApiSuccess(wtwParticipantResponse, { status: 201, description: 'The member as a WTW participant' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Enroll an aided, needy adult member of the AU in Welfare-to-Work (once per member)' })
  @ApiJsonBody(enrollBody)
  enrollParticipant(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('auId') auId: string,
    @ValidBody(enrollBody) body: EnrollInput,
  ) {
    return this.enroll.execute(householdCtxOf(p, c), auId, body);
  }

  @Get('wtw-participants/:participantId')
  @ApiSuccess(wtwParticipantResponse, { status: 200, description: 'The participant with plans, exemptions, their clocks, services and FS' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'A WTW participant (audited read); AB 2300 clocks explained' })
  participant(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('participantId') id: string) {
    return this.participantQuery.execute(householdCtxOf(p, c), id);
  }

  @Post('wtw-participants/:participantId/plans')
  @ApiSuccess(wtwParticipantResponse, { status: 201, description: 'The participant with the new current plan' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'A signed WTW plan with its activities and weekly hours (supersedes the current plan)' })
  @ApiJsonBody(planBody)
  plan(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @ValidBody(planBody) body: PlanInput,
  ) {
    return this.signPlan.execute(householdCtxOf(p, c), id, body);
  }

  @Post('wtw-participants/:participantId/exemptions')
  @ApiSuccess(wtwParticipantResponse, {
    status: 201,
    description: 'The participant with the exemption (pending its verification when needed)',
  })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record a WTW exemption (CWS-verified caretaker relative, AB 2300 12 weeks after a birth or placement, …)',
    description:
      'The CWS-related exemption is for a needy nonparent caretaker relative and needs the CWS social worker’s written verification (EAS 42-712.45). An AB 2300 exemption opens its 12-week clock (calworks.wtw.ab2300-exemption) and ends on its due date.',
  })
  @ApiJsonBody(exemptionBody)
  exemption(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @ValidBody(exemptionBody) body: ExemptionInput,
  ) {
    return this.requestExemption.execute(householdCtxOf(p, c), id, body);
  }

  @Post('wtw-participants/:participantId/exemptions/:exemptionId/verification')
  @ApiSuccess(wtwParticipantResponse, { status: 200, description: 'The participant with the exemption verified or not' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record an exemption’s verification, once, by the source its reason requires' })
  @ApiJsonBody(verificationBody)
  verification(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @UuidParam('exemptionId') exemptionId: string,
    @ValidBody(verificationBody) body: VerificationInput,
  ) {
    return this.verifyExemption.execute(householdCtxOf(p, c), id, exemptionId, body);
  }

  @Post('wtw-participants/:participantId/supportive-services')
  @ApiSuccess(wtwParticipantResponse, { status: 201, description: 'The participant with the supportive service' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'A supportive service: child care, transportation, behavioral health, substance use, domestic violence' })
  @ApiJsonBody(supportiveServiceBody)
  supportiveService(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @ValidBody(supportiveServiceBody) body: SupportiveServiceInput,
  ) {
    return this.addSupportiveService.execute(householdCtxOf(p, c), id, body);
  }

  @Post('wtw-participants/:participantId/family-stabilization-referrals')
  @ApiSuccess(wtwParticipantResponse, { status: 201, description: 'The participant with the Family Stabilization referral' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Refer the participant to Family Stabilization for a crisis (WIC 11325.24; open to exempt adults)' })
  @ApiJsonBody(familyStabilizationBody)
  familyStabilization(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('participantId') id: string,
    @ValidBody(familyStabilizationBody) body: FamilyStabilizationInput,
  ) {
    return this.referFamilyStabilization.execute(householdCtxOf(p, c), id, body);
  }
}
