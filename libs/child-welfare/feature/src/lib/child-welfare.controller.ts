import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-service';
import { ChildWelfareService, type Ctx } from './child-welfare.service';
import {
  assessmentBody,
  casePlanBody,
  cftMeetingBody,
  closeCaseBody,
  contactBody,
  createFamilyBody,
  createReferralBody,
  dispositionBody,
  downgradeBody,
  hearingBody,
  openCaseBody,
  petitionBody,
  removalBody,
  returnHomeBody,
  screeningBody,
  visitBody,
} from './cws.schemas';

const ctxOf = (principal: Principal, correlationId: string): Ctx => ({ principal, correlationId });

/**
 * Child welfare casework. Every command is county-scoped, checks the record's history (impossible sequences are a
 * 409 problem and change nothing), needs an Idempotency-Key, and is audited; every clock it starts or stops is a
 * durable deadline (GET …/deadlines explains each due date).
 */
@ApiTags('child welfare')
@Controller()
export class ChildWelfareController {
  constructor(private readonly cws: ChildWelfareService) {}

  @Post('families')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a family and its members (SSN and date of birth stored encrypted)' })
  @ApiJsonBody(createFamilyBody)
  createFamily(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(createFamilyBody) body: z.output<typeof createFamilyBody>) {
    return this.cws.createFamily(ctxOf(p, c), body);
  }

  @Get('families/:familyId')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A family and its members' })
  family(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('familyId') id: string) {
    return this.cws.family(ctxOf(p, c), id);
  }

  @Post('referrals')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a hotline referral (allegations per child, reporter kept in child welfare)' })
  @ApiJsonBody(createReferralBody)
  createReferral(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(createReferralBody) body: z.output<typeof createReferralBody>) {
    return this.cws.createReferral(ctxOf(p, c), body);
  }

  @Get('referrals/:referralId')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A referral with its emergency-response deadlines and their explanations' })
  referral(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string) {
    return this.cws.referral(ctxOf(p, c), id);
  }

  @Post('referrals/:referralId/screening')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Screening decision: evaluated out, accepted (immediate / 10-day), or Differential Response; AB 2085 enforced', description: 'Acceptance starts the response clock (24 hours or 10 calendar days, WIC 16501(f)) and, for an investigation, the disposition clock (30 days, county-configurable).' })
  @ApiJsonBody(screeningBody)
  screen(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(screeningBody) body: z.output<typeof screeningBody>) {
    return this.cws.screen(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/downgrade')
  @HttpCode(200)
  @Requires('cws.referral.downgrade')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Downgrade an immediate response to 10-day, before contact, with manager approval (supervisors)' })
  @ApiJsonBody(downgradeBody)
  downgrade(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(downgradeBody) body: z.output<typeof downgradeBody>) {
    return this.cws.downgrade(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/contacts')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'In-person contact (meets the response deadline)' })
  @ApiJsonBody(contactBody)
  contact(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(contactBody) body: z.output<typeof contactBody>) {
    return this.cws.recordContact(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/assessments')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'An SDM safety or risk assessment' })
  @ApiJsonBody(assessmentBody)
  assessment(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(assessmentBody) body: z.output<typeof assessmentBody>) {
    return this.cws.recordAssessment(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/disposition')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Investigation disposition: substantiated, inconclusive or unfounded (meets the disposition deadline)' })
  @ApiJsonBody(dispositionBody)
  disposition(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(dispositionBody) body: z.output<typeof dispositionBody>) {
    return this.cws.recordDisposition(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/removals')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Removal (detention) of a child of the family, with placement', description: 'Opens the emergency-response case if needed and starts: petition within 48 hours excluding non-court days, initial case plan (60 days), first CFT meeting (60 days, 30 with ICWA), and the entered-foster-care anchor (60 days).' })
  @ApiJsonBody(removalBody)
  removal(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(removalBody) body: z.output<typeof removalBody>) {
    return this.cws.recordRemoval(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/cases')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Open a case without a removal (Family Maintenance voluntary or court, after-care)' })
  @ApiJsonBody(openCaseBody)
  openCase(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string, @ValidBody(openCaseBody) body: z.output<typeof openCaseBody>) {
    return this.cws.openCase(ctxOf(p, c), id, body);
  }

  @Get('cases/:caseId')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A case: type, court timeline, removals' })
  case(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.cws.case(ctxOf(p, c), id);
  }

  @Get('cases/:caseId/summary')
  @Requires('cws.case.summary.read')
  @ApiOperation({ summary: 'A case summary through the sharing policy', description: 'Child welfare sees it whole; CalWORKs staff of the county see the WIC 10850 minimum (ids, case type, removal and court dates, services months), never the placement. `disclosure` says which basis applied. Audited as a share.' })
  summary(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.cws.caseSummary(ctxOf(p, c), id);
  }

  @Get('cases/:caseId/deadlines')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'Every deadline of the case and its referral: state, due date, and why it is due then (rule, citation, days skipped, orders)' })
  @ApiOkResponse({ description: 'One entry per clock' })
  deadlines(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.cws.caseDeadlines(ctxOf(p, c), id);
  }

  @Post('cases/:caseId/petition')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Petition filed (WIC 300): meets the 48-hour clock, starts the detention-hearing (next judicial day) or jurisdiction clock' })
  @ApiJsonBody(petitionBody)
  petition(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(petitionBody) body: z.output<typeof petitionBody>) {
    return this.cws.fileCasePetition(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/hearings')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'A hearing held or continued: detention, jurisdiction, disposition, 6/12/18/24-month reviews, FM review, .26', description: 'A continuance moves the hearing’s deadline to the new date, with the reason in its explanation. Disposition before jurisdiction is refused.' })
  @ApiJsonBody(hearingBody)
  hearing(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(hearingBody) body: z.output<typeof hearingBody>) {
    return this.cws.recordHearing(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/case-plans')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Case plan filed (initial or update); the next update is due in 6 months' })
  @ApiJsonBody(casePlanBody)
  casePlan(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(casePlanBody) body: z.output<typeof casePlanBody>) {
    return this.cws.fileCasePlan(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/cft-meetings')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Child and Family Team meeting held' })
  @ApiJsonBody(cftMeetingBody)
  cft(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(cftMeetingBody) body: z.output<typeof cftMeetingBody>) {
    return this.cws.recordCftMeeting(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/visits')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Caseworker visit with a child' })
  @ApiJsonBody(visitBody)
  visit(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(visitBody) body: z.output<typeof visitBody>) {
    return this.cws.recordVisit(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/returns')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'A removed child returned home (reunified or trial home visit)' })
  @ApiJsonBody(returnHomeBody)
  returnHome(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(returnHomeBody) body: z.output<typeof returnHomeBody>) {
    return this.cws.returnHome(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/closure')
  @HttpCode(200)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Close the case (cancels its open deadlines)' })
  @ApiJsonBody(closeCaseBody)
  close(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string, @ValidBody(closeCaseBody) body: z.output<typeof closeCaseBody>) {
    return this.cws.closeCase(ctxOf(p, c), id, body);
  }
}
