import { Controller, Get, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import { ApiJsonBody, ApiProblems, ApiSuccess, IdempotentCreate, UuidParam, ValidBody } from '@linkages/platform-http';
import { householdCtxOf } from '../household/household.context';
import { calworksRecordRead, calworksRecordWrite } from '../household/household.permissions';
import { ConfirmMembers } from './confirm-members.command';
import { FrRefusalAudit } from './fr-refusal.audit';
import { FrRemovalQuery } from './fr-removal.query';
import { FrReviewListQuery } from './fr-review-list.query';
import {
  frRemovalResponse,
  frReviewListResponse,
  matchCaseNumberBody,
  memberConfirmationBody,
  redeterminationBody,
  type MatchCaseNumberInput,
  type MemberConfirmationInput,
  type RedeterminationInput,
} from './fr-window.schemas';
import { MatchCaseNumber } from './match-case-number.command';
import { RecordRedetermination } from './record-redetermination.command';

/**
 * The FR aid process of a removal (AB 135 window, AB 429 services; RULES.md 4), started by child welfare's
 * child-removed event: its explained dates, the review list of unknown case numbers, and the eligibility worker's
 * steps (each a validated update to `calworks/fr-aid-window/<removalId>`; a refusal is 409 with the reason).
 */
@ApiTags('calworks')
@Controller()
@UseInterceptors(FrRefusalAudit)
export class FrWindowController {
  constructor(
    private readonly removalQuery: FrRemovalQuery,
    private readonly reviewListQuery: FrReviewListQuery,
    private readonly confirmMembers: ConfirmMembers,
    private readonly matchCaseNumber: MatchCaseNumber,
    private readonly recordRedetermination: RecordRedetermination,
  ) {}

  @Get('fr-removals/:removalId')
  @ApiSuccess(frRemovalResponse, { status: 200, description: 'The removal’s FR process: absence month, window, AB 429, clocks explained' })
  @ApiProblems('validation', 'not-found')
  @Requires(calworksRecordRead)
  @ApiOperation({
    summary: 'A removal’s FR aid window with its explained dates (audited read)',
    description:
      'Temporary absence (one full calendar month), the AB 135 window (six full calendar months from the grant, a prorated first month not counted) with the fact that set its start, AB 429 services, refusals, and every clock with its rule, citation and counting.',
  })
  removal(@CurrentPrincipal() p: Principal, @CorrelationId() c: string, @UuidParam('removalId') id: string) {
    return this.removalQuery.execute(householdCtxOf(p, c), id);
  }

  @Get('fr-review-list')
  @ApiSuccess(frReviewListResponse, { status: 200, description: 'Open entries, oldest first' })
  @ApiProblems('validation')
  @Requires(calworksRecordRead)
  @ApiOperation({ summary: 'Child welfare events naming a CalWORKs case number the county does not hold (each with a clock)' })
  reviewList(@CurrentPrincipal() p: Principal, @CorrelationId() c: string) {
    return this.reviewListQuery.execute(householdCtxOf(p, c));
  }

  @Post('fr-review-list/:reviewId/match')
  @ApiSuccess(frRemovalResponse, { status: 200, description: 'The removal, its process going on with the AU' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({ summary: 'Match a review-list case number to the county’s AU' })
  @ApiJsonBody(matchCaseNumberBody)
  match(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('reviewId') id: string,
    @ValidBody(matchCaseNumberBody) body: MatchCaseNumberInput,
  ) {
    return this.matchCaseNumber.execute(householdCtxOf(p, c), id, body);
  }

  @Post('fr-removals/:removalId/member-confirmation')
  @ApiSuccess(frRemovalResponse, { status: 200, description: 'The removal with its members confirmed and the window decided' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'The eligibility worker confirms which AU members the removed children are',
    description:
      'The AU’s aided status on the removal date and the adult’s role and needy status come from the household. A non-needy caretaker relative, or an AU not aided at removal (unless the parent was WTW-sanctioned), gets no window: the refusal and its reason are in the answer. AB 429 exclusions are refused with their reason.',
  })
  @ApiJsonBody(memberConfirmationBody)
  confirm(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('removalId') id: string,
    @ValidBody(memberConfirmationBody) body: MemberConfirmationInput,
  ) {
    return this.confirmMembers.execute(householdCtxOf(p, c), id, body);
  }

  @Post('fr-removals/:removalId/ab429-redeterminations')
  @ApiSuccess(frRemovalResponse, { status: 200, description: 'The removal with the redetermination met and the next one due' })
  @ApiProblems('validation', 'not-found', 'impossible-sequence')
  @Requires(calworksRecordWrite)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'The eligibility worker completed an AB 429 redetermination',
    description:
      'Meets the oldest open redetermination clock on the completion date (rule calworks.fr.ab429-redetermination). After an on-time one the next six months count from it (the rule’s anchor); a late one meets the overdue round and the next round keeps its date. Refused (409, nothing changed) when the removal has no AB 429 services that run, or the date is before the services started or the last redetermination.',
  })
  @ApiJsonBody(redeterminationBody)
  redetermination(
    @CurrentPrincipal() p: Principal,
    @CorrelationId() c: string,
    @UuidParam('removalId') id: string,
    @ValidBody(redeterminationBody) body: RedeterminationInput,
  ) {
    return this.recordRedetermination.execute(householdCtxOf(p, c), id, body);
  }
}
