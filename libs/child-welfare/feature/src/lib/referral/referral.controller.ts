import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { CaseworkRefusalAudit } from '../casework-refusal.audit';
import { ctxOf } from '../casework.context';
import { ab2085 } from '../casework.problems';
import { CreateReferral } from './create-referral.command';
import { DowngradeReferral } from './downgrade-referral.command';
import { RecordAssessment } from './record-assessment.command';
import { RecordContact } from './record-contact.command';
import { RecordDisposition } from './record-disposition.command';
import { ReferralQuery } from './referral.query';
import {
  assessmentBody,
  assessmentResponse,
  contactBody,
  createReferralBody,
  dispositionBody,
  downgradeBody,
  referralResponse,
  referralWithDeadlinesResponse,
  screeningBody,
  type AssessmentInput,
  type ContactInput,
  type CreateReferralInput,
  type DispositionInput,
  type DowngradeInput,
  type ScreeningInput,
} from './referral.schemas';
import { ScreenReferral } from './screen-referral.command';

/**
 * Hotline referrals and the emergency response. Every command is county-scoped, checks the referral's history
 * (impossible sequences are a 409 problem and change nothing), needs an Idempotency-Key, and is audited.
 *
 * Status convention (every service): a POST that creates a resource answers 201 with it; a POST that is a command on
 * an existing resource answers 200 with the resource as it now is; a POST that is a query answers 200; GET 200.
 * Problems are application/problem+json, documented per route from the problem registry.
 * Here: POST /referrals and …/assessments create (201); screening, downgrade, contacts and disposition are commands on
 * the referral (200).
 */
@ApiTags('child welfare')
@Controller()
@UseInterceptors(CaseworkRefusalAudit)
export class ReferralController {
  constructor(
    private readonly createReferralCommand: CreateReferral,
    private readonly referralQuery: ReferralQuery,
    private readonly screenReferral: ScreenReferral,
    private readonly downgradeReferral: DowngradeReferral,
    private readonly recordContact: RecordContact,
    private readonly recordAssessment: RecordAssessment,
    private readonly recordDisposition: RecordDisposition,
  ) {}

  @Post('referrals')
  @ApiSuccess(referralResponse, { status: 201, description: 'The referral as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a hotline referral (allegations per child, reporter kept in child welfare)' })
  @ApiJsonBody(createReferralBody)
  createReferral(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(createReferralBody) body: CreateReferralInput) {
    return this.createReferralCommand.execute(ctxOf(p, c), body);
  }

  @Get('referrals/:referralId')
  @ApiSuccess(referralWithDeadlinesResponse, { status: 200, description: 'The referral and its emergency-response deadlines' })
  @ApiProblems('validation', 'not-found')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A referral with its emergency-response deadlines and their explanations' })
  referral(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('referralId') id: string) {
    return this.referralQuery.execute(ctxOf(p, c), id);
  }

  @Post('referrals/:referralId/screening')
  @ApiSuccess(referralResponse, { status: 200, description: 'The referral as screened' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence', ab2085)
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Screening decision: evaluated out, accepted (immediate / 10-day), or Differential Response; AB 2085 enforced',
    description:
      'Acceptance starts the response clock (24 hours or 10 calendar days, WIC 16501(f)) and, for an investigation, the disposition clock (30 days, county-configurable).',
  })
  @ApiJsonBody(screeningBody)
  screen(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(screeningBody) body: ScreeningInput,
  ) {
    return this.screenReferral.execute(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/downgrade')
  @ApiSuccess(referralResponse, { status: 200, description: 'The referral, now with a 10-day response' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.referral.downgrade')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Downgrade an immediate response to 10-day, before contact, with manager approval (supervisors)' })
  @ApiJsonBody(downgradeBody)
  downgrade(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(downgradeBody) body: DowngradeInput,
  ) {
    return this.downgradeReferral.execute(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/contacts')
  @ApiSuccess(referralResponse, { status: 200, description: 'The referral with its first contact' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'In-person contact (meets the response deadline)' })
  @ApiJsonBody(contactBody)
  contact(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(contactBody) body: ContactInput,
  ) {
    return this.recordContact.execute(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/assessments')
  @ApiSuccess(assessmentResponse, { status: 201, description: 'The assessment as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'An SDM safety or risk assessment' })
  @ApiJsonBody(assessmentBody)
  assessment(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(assessmentBody) body: AssessmentInput,
  ) {
    return this.recordAssessment.execute(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/disposition')
  @ApiSuccess(referralResponse, { status: 200, description: 'The referral with its disposition' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Investigation disposition: substantiated, inconclusive or unfounded (meets the disposition deadline)' })
  @ApiJsonBody(dispositionBody)
  disposition(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(dispositionBody) body: DispositionInput,
  ) {
    return this.recordDisposition.execute(ctxOf(p, c), id, body);
  }
}
