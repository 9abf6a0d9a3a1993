import { Controller, Get, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@linkages/platform-access';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import {
  ApiJsonBody,
  ApiProblems,
  ApiSuccess,
  IdempotentCreate,
  UuidParam,
  ValidBody,
  ZodValidationPipe,
  openApiSchemaOf,
} from '@linkages/platform-http';
import { DecideMatchReviewCommand } from './decide-match-review.command';
import { IdentityRefusalAudit } from './identity-audit';
import { linkagesFamilyRead, linkagesMatchReview } from './identity.permissions';
import { matchReviewDecided, personLinkEnded } from './identity.problems';
import {
  decideMatchReviewBody,
  matchReviewListQuery,
  matchReviewListResponse,
  matchReviewResponse,
  sharedFamilyResponse,
  unlinkPersonBody,
  unlinkResponse,
  type DecideMatchReview,
  type MatchReviewListQuery,
  type UnlinkPerson,
} from './identity.schemas';
import { ListMatchReviewsQuery } from './list-match-reviews.query';
import { ReadSharedFamilyQuery } from './read-shared-family.query';
import { UnlinkPersonCommand } from './unlink-person.command';

/**
 * The shared family and the matching that forms it (issue 13, Deliver 1): the liaison's review queue, decisions,
 * unlinks, and the shared family with its links. County-scoped (another county's record is a 404, audited), every
 * read and change audited; evidence is levels and weights, never a match key.
 */
@ApiTags('linkages')
@Controller()
@UseInterceptors(IdentityRefusalAudit)
export class LinkagesIdentityController {
  constructor(
    private readonly listReviews: ListMatchReviewsQuery,
    private readonly decideReview: DecideMatchReviewCommand,
    private readonly unlinkPerson: UnlinkPersonCommand,
    private readonly readFamily: ReadSharedFamilyQuery,
  ) {}

  @Get('match-reviews')
  @Requires(linkagesMatchReview)
  @ApiOperation({
    summary: 'The county’s match review queue (cross-agency pairs the model was unsure of, and duplicates inside one agency)',
    description:
      'Paged oldest first (opened at, then id): `limit` 1–100 (default 50), `after` the previous page’s `nextCursor` (opaque), `kind` cross-agency or duplicate, `status` (default open). A bad parameter is a 400 problem naming it.',
  })
  @ApiQuery({ name: 'limit', required: false, schema: openApiSchemaOf(matchReviewListQuery.shape.limit, 'input') })
  @ApiQuery({ name: 'after', required: false, schema: { type: 'string', description: 'The `nextCursor` of the previous page' } })
  @ApiQuery({ name: 'kind', required: false, schema: openApiSchemaOf(matchReviewListQuery.shape.kind, 'input') })
  @ApiQuery({ name: 'status', required: false, schema: openApiSchemaOf(matchReviewListQuery.shape.status, 'input') })
  @ApiSuccess(matchReviewListResponse, {
    status: 200,
    description: 'A page of reviews, oldest first, with evidence levels and the next cursor',
  })
  @ApiProblems('validation')
  reviews(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @Query(new ZodValidationPipe(matchReviewListQuery, 'query')) query: MatchReviewListQuery,
  ) {
    return this.listReviews.execute({ principal, correlationId }, query);
  }

  @Post('match-reviews/:reviewId/decision')
  @Requires(linkagesMatchReview)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'Decide a match review: link the two records as one person, or reject',
    description:
      'A link joins the shared families when an adult is then linked in both (or the CalWORKs case number agrees with one person): `linkages.family-linked`. A duplicate inside one agency is confirmed, never merged. Decided once; reversible by unlink.',
  })
  @ApiJsonBody(decideMatchReviewBody)
  @ApiSuccess(matchReviewResponse, { status: 200, description: 'The review as decided, with the link and shared family' })
  @ApiProblems('validation', 'not-found', matchReviewDecided)
  decide(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @UuidParam('reviewId') reviewId: string,
    @ValidBody(decideMatchReviewBody) body: DecideMatchReview,
  ) {
    return this.decideReview.execute({ principal, correlationId }, reviewId, body);
  }

  @Post('person-links/:linkId/unlink')
  @Requires(linkagesMatchReview)
  @IdempotentCreate()
  @ApiOperation({
    summary: 'End a person link (reversible); a family no longer held together is split',
    description: 'Each agency family that leaves goes to a new shared family: `linkages.family-unlinked` with the new id.',
  })
  @ApiJsonBody(unlinkPersonBody)
  @ApiSuccess(unlinkResponse, { status: 200, description: 'The ended link and the shared families after it' })
  @ApiProblems('validation', 'not-found', personLinkEnded)
  unlink(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @UuidParam('linkId') linkId: string,
    @ValidBody(unlinkPersonBody) body: UnlinkPerson,
  ) {
    return this.unlinkPerson.execute({ principal, correlationId }, linkId, body);
  }

  @Get('shared-families/:familyId')
  @Requires(linkagesFamilyRead)
  @ApiOperation({ summary: 'A shared Linkages family: the agency families and AUs it maps, and the person links (evidence levels only)' })
  @ApiSuccess(sharedFamilyResponse, { status: 200, description: 'The shared family' })
  @ApiProblems('validation', 'not-found')
  family(@CurrentPrincipal() principal: Principal, @CorrelationId() correlationId: string, @UuidParam('familyId') familyId: string) {
    return this.readFamily.execute({ principal, correlationId }, familyId);
  }
}
