import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { CaseworkRefusalAudit } from '../casework-refusal.audit';
import { ctxOf } from '../casework.context';
import { clockListResponse } from '../casework.schemas';
import { CaseDeadlinesQuery } from './case-deadlines.query';
import { CaseSummaryQuery } from './case-summary.query';
import { CaseQuery } from './case.query';
import {
  casePlanBody,
  casePlanResponse,
  caseResponse,
  caseSummaryResponse,
  cftMeetingBody,
  cftMeetingResponse,
  closeCaseBody,
  frServicesGoodCauseBody,
  frServicesGoodCauseResponse,
  hearingBody,
  openCaseBody,
  petitionBody,
  removalBody,
  removalResponse,
  returnHomeBody,
  visitBody,
  visitResponse,
  type CasePlanInput,
  type CftMeetingInput,
  type CloseCaseInput,
  type FrServicesGoodCauseInput,
  type HearingInput,
  type OpenCaseInput,
  type PetitionInput,
  type RemovalInput,
  type ReturnHomeInput,
  type VisitInput,
} from './case.schemas';
import { CloseCase } from './close-case.command';
import { FileCasePlan } from './file-case-plan.command';
import { FilePetition } from './file-petition.command';
import { GrantFrServicesGoodCause } from './grant-fr-services-good-cause.command';
import { OpenCase } from './open-case.command';
import { RecordCftMeeting } from './record-cft-meeting.command';
import { RecordHearing } from './record-hearing.command';
import { RecordRemoval } from './record-removal.command';
import { RecordVisit } from './record-visit.command';
import { ReturnHome } from './return-home.command';

/**
 * Cases: removals, the dependency court timeline, case plans, CFT meetings, visits, returns and closure. Every
 * command is county-scoped, checks the case's history (impossible sequences are a 409 problem and change nothing),
 * needs an Idempotency-Key, and is audited; every clock it starts or stops is a durable deadline (GET …/deadlines
 * explains each due date).
 *
 * Status convention (every service): a POST that creates a resource answers 201 with it; a POST that is a command on
 * an existing resource answers 200 with the resource as it now is; a POST that is a query answers 200; GET 200.
 * Problems are application/problem+json, documented per route from the problem registry.
 * Here: removals, cases, case plans, CFT meetings, visits and FR services good cause create (201); petition, hearings,
 * returns and closure are commands on the case (200).
 */
@ApiTags('child welfare')
@Controller()
@UseInterceptors(CaseworkRefusalAudit)
export class CaseController {
  constructor(
    private readonly recordRemoval: RecordRemoval,
    private readonly openCaseCommand: OpenCase,
    private readonly caseQuery: CaseQuery,
    private readonly caseSummaryQuery: CaseSummaryQuery,
    private readonly caseDeadlinesQuery: CaseDeadlinesQuery,
    private readonly filePetition: FilePetition,
    private readonly recordHearing: RecordHearing,
    private readonly fileCasePlan: FileCasePlan,
    private readonly recordCftMeeting: RecordCftMeeting,
    private readonly recordVisit: RecordVisit,
    private readonly returnHomeCommand: ReturnHome,
    private readonly grantFrServicesGoodCause: GrantFrServicesGoodCause,
    private readonly closeCase: CloseCase,
  ) {}

  @Post('referrals/:referralId/removals')
  @ApiSuccess(removalResponse, { status: 201, description: 'The removal as recorded, with the case it belongs to' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Removal (detention) of a child of the family, with placement',
    description:
      'Opens the emergency-response case if needed and starts: petition within 48 hours excluding non-court days, initial case plan (60 days), first CFT meeting (60 days, 30 with ICWA), and the entered-foster-care anchor (60 days).',
  })
  @ApiJsonBody(removalBody)
  removal(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(removalBody) body: RemovalInput,
  ) {
    return this.recordRemoval.execute(ctxOf(p, c), id, body);
  }

  @Post('referrals/:referralId/cases')
  @ApiSuccess(caseResponse, { status: 201, description: 'The case as opened' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Open a case without a removal (Family Maintenance voluntary or court, after-care)' })
  @ApiJsonBody(openCaseBody)
  openCase(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('referralId') id: string,
    @ValidBody(openCaseBody) body: OpenCaseInput,
  ) {
    return this.openCaseCommand.execute(ctxOf(p, c), id, body);
  }

  @Get('cases/:caseId')
  @ApiSuccess(caseResponse, { status: 200, description: 'The case, its court timeline and removals' })
  @ApiProblems('validation', 'not-found')
  @Requires('cws.record.read')
  @ApiOperation({ summary: 'A case: type, court timeline, removals' })
  case(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.caseQuery.execute(ctxOf(p, c), id);
  }

  @Get('cases/:caseId/summary')
  @ApiSuccess(caseSummaryResponse, {
    status: 200,
    description: 'The fields the reader’s agency may see, and `disclosure` (basis, citation, classes)',
  })
  @ApiProblems('validation', 'not-found')
  @Requires('cws.case.summary.read')
  @ApiOperation({
    summary: 'A case summary through the sharing policy',
    description:
      'Child welfare sees it whole; CalWORKs staff of the county see the WIC 10850 minimum (ids, case type, removal and court dates, services months), never the placement. `disclosure` says which basis applied. Audited as a share.',
  })
  summary(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.caseSummaryQuery.execute(ctxOf(p, c), id);
  }

  @Get('cases/:caseId/deadlines')
  @ApiSuccess(clockListResponse, { status: 200, description: 'One entry per clock of the case and of its referral' })
  @ApiProblems('validation', 'not-found')
  @Requires('cws.record.read')
  @ApiOperation({
    summary: 'Every deadline of the case and its referral: state, due date, and why it is due then (rule, citation, days skipped, orders)',
  })
  deadlines(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('caseId') id: string) {
    return this.caseDeadlinesQuery.execute(ctxOf(p, c), id);
  }

  @Post('cases/:caseId/petition')
  @ApiSuccess(caseResponse, { status: 200, description: 'The case with its petition filed' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Petition filed (WIC 300): meets the 48-hour clock, starts the detention-hearing (next judicial day) or jurisdiction clock',
  })
  @ApiJsonBody(petitionBody)
  petition(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(petitionBody) body: PetitionInput,
  ) {
    return this.filePetition.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/hearings')
  @ApiSuccess(caseResponse, {
    status: 200,
    description: 'The case after the hearing (or with the hearing’s deadline moved by a continuance)',
  })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'A hearing held or continued: detention, jurisdiction, disposition, 6/12/18/24-month reviews, FM review, .26',
    description:
      'A continuance moves the hearing’s deadline to the new date, with the reason in its explanation. Disposition before jurisdiction is refused.',
  })
  @ApiJsonBody(hearingBody)
  hearing(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(hearingBody) body: HearingInput,
  ) {
    return this.recordHearing.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/case-plans')
  @ApiSuccess(casePlanResponse, { status: 201, description: 'The case plan as filed, with when the next update is due' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Case plan filed (initial or update); the next update is due in 6 months' })
  @ApiJsonBody(casePlanBody)
  casePlan(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(casePlanBody) body: CasePlanInput,
  ) {
    return this.fileCasePlan.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/cft-meetings')
  @ApiSuccess(cftMeetingResponse, { status: 201, description: 'The meeting as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Child and Family Team meeting held' })
  @ApiJsonBody(cftMeetingBody)
  cft(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(cftMeetingBody) body: CftMeetingInput,
  ) {
    return this.recordCftMeeting.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/visits')
  @ApiSuccess(visitResponse, { status: 201, description: 'The visit as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Caseworker visit with a child' })
  @ApiJsonBody(visitBody)
  visit(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(visitBody) body: VisitInput,
  ) {
    return this.recordVisit.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/returns')
  @ApiSuccess(caseResponse, { status: 200, description: 'The case with the child returned' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'A removed child returned home (reunified or trial home visit)' })
  @ApiJsonBody(returnHomeBody)
  returnHome(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(returnHomeBody) body: ReturnHomeInput,
  ) {
    return this.returnHomeCommand.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/fr-services-good-cause')
  @ApiSuccess(frServicesGoodCauseResponse, { status: 201, description: 'The good cause as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Good cause granted for FR services (WTW / supportive, AB 429) to continue past six months',
    description:
      'RULES.md 4 "Services beyond 6 months" (ACL 25-05): CWS grants good cause for the parent’s FR services to continue through `continuesThrough`; CalWORKs is told (fr-services-good-cause-granted) and continues them. Cash aid is not extended. Refused on a closed case, when no child of the case is removed, or once reunification services were terminated.',
  })
  @ApiJsonBody(frServicesGoodCauseBody)
  frServicesGoodCause(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(frServicesGoodCauseBody) body: FrServicesGoodCauseInput,
  ) {
    return this.grantFrServicesGoodCause.execute(ctxOf(p, c), id, body);
  }

  @Post('cases/:caseId/closure')
  @ApiSuccess(caseResponse, { status: 200, description: 'The closed case' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires('cws.record.write')
  @IdempotentCreate()
  @ApiOperation({ summary: 'Close the case (cancels its open deadlines)' })
  @ApiJsonBody(closeCaseBody)
  close(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('caseId') id: string,
    @ValidBody(closeCaseBody) body: CloseCaseInput,
  ) {
    return this.closeCase.execute(ctxOf(p, c), id, body);
  }
}
