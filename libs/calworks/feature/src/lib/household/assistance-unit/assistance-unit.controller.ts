import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { HouseholdRefusalAudit } from '../household-refusal.audit';
import { householdCtxOf } from '../household.context';
import { calworksRecordRead, calworksRecordWrite } from '../household.permissions';
import { caseNumberInUse } from '../household.problems';
import { AddMember } from './add-member.command';
import { AssistanceUnitByCaseNumberQuery } from './assistance-unit-by-case-number.query';
import { AssistanceUnitQuery } from './assistance-unit.query';
import {
  aidedStatusBody,
  assistanceUnitResponse,
  caseNumberLookupBody,
  createAssistanceUnitBody,
  grantBody,
  memberBody,
  memberResponse,
  type AidedStatusInput,
  type CaseNumberLookupInput,
  type CreateAssistanceUnitInput,
  type GrantInput,
  type MemberInput,
} from './assistance-unit.schemas';
import { CreateAssistanceUnit } from './create-assistance-unit.command';
import { RecordAidedStatus } from './record-aided-status.command';
import { RecordGrantChange } from './record-grant-change.command';

/**
 * CalWORKs Assistance Units and their members (county-scoped, audited; SSN and date of birth stored encrypted), the
 * AU's aided status over time and its grant changes. 201 for a POST that creates, 200 for a command or a POST query.
 */
@ApiTags('calworks')
@Controller()
@UseInterceptors(HouseholdRefusalAudit)
export class AssistanceUnitController {
  constructor(
    private readonly createAssistanceUnit: CreateAssistanceUnit,
    private readonly assistanceUnitQuery: AssistanceUnitQuery,
    private readonly byCaseNumberQuery: AssistanceUnitByCaseNumberQuery,
    private readonly addMemberCommand: AddMember,
    private readonly recordAidedStatus: RecordAidedStatus,
    private readonly recordGrantChange: RecordGrantChange,
  ) {}

  @Post('assistance-units')
  @ApiSuccess(assistanceUnitResponse, { status: 201, description: 'The AU as recorded: members with ids, date of birth, SSN masked' })
  @ApiProblems('validation', 'impossible-sequence', caseNumberInUse)
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Record an Assistance Unit (case number unique in the county) with its members, first aided status and grant',
    description:
      'Dates are facts: at most today in California. A second AU with the same case number in the county is 409 case-number-in-use.',
  })
  @ApiJsonBody(createAssistanceUnitBody)
  create(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @ValidBody(createAssistanceUnitBody) body: CreateAssistanceUnitInput,
  ) {
    return this.createAssistanceUnit.execute(householdCtxOf(p, c), body);
  }

  @Post('assistance-units/by-case-number')
  @ApiSuccess(assistanceUnitResponse, { status: 200, description: 'The county’s AU with this case number' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'Find the county’s AU by its CalWORKs case number (a POST query: the number stays out of URLs)' })
  @ApiJsonBody(caseNumberLookupBody)
  byCaseNumber(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @ValidBody(caseNumberLookupBody) body: CaseNumberLookupInput) {
    return this.byCaseNumberQuery.execute(householdCtxOf(p, c), body);
  }

  @Get('assistance-units/:auId')
  @ApiSuccess(assistanceUnitResponse, { status: 200, description: 'The AU, its aided status over time, grants and members' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'An Assistance Unit and its members (audited read)' })
  assistanceUnit(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('auId') id: string) {
    return this.assistanceUnitQuery.execute(householdCtxOf(p, c), id);
  }

  @Post('assistance-units/:auId/members')
  @ApiSuccess(memberResponse, { status: 201, description: 'The member as recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Add a member to the AU (needy or not, aided or not; SSN and date of birth stored encrypted)' })
  @ApiJsonBody(memberBody)
  addMember(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('auId') id: string,
    @ValidBody(memberBody) body: MemberInput,
  ) {
    return this.addMemberCommand.execute(householdCtxOf(p, c), id, body);
  }

  @Post('assistance-units/:auId/aided-status')
  @ApiSuccess(assistanceUnitResponse, { status: 200, description: 'The AU with its aided status changed from the date on' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'The AU becomes aided or not aided from a date on (its aided status over time)' })
  @ApiJsonBody(aidedStatusBody)
  aidedStatus(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('auId') id: string,
    @ValidBody(aidedStatusBody) body: AidedStatusInput,
  ) {
    return this.recordAidedStatus.execute(householdCtxOf(p, c), id, body);
  }

  @Post('assistance-units/:auId/grant-changes')
  @ApiSuccess(assistanceUnitResponse, { status: 200, description: 'The AU with the grant change recorded' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Record a grant change: paid (amount in cents), suspended or discontinued, from an effective date' })
  @ApiJsonBody(grantBody)
  grantChange(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('auId') id: string,
    @ValidBody(grantBody) body: GrantInput,
  ) {
    return this.recordGrantChange.execute(householdCtxOf(p, c), id, body);
  }
}
