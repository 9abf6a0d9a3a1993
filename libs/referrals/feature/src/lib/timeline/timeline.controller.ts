import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiProblems, ApiSuccess, UuidParam } from '@linkages/platform-http';
import { FamilyTimelineQuery } from './family-timeline.query';
import { familyTimelineResponse } from './family-timeline.schemas';
import type { FamilyTimelineView } from './family-timeline.view';

/** The family timeline (issue 13, Deliver 6): both agencies' steps, events and deadlines in one order, as the sharing policy allows. */
@ApiTags('linkages')
@Controller('shared-families/:familyId/timeline')
export class TimelineController {
  constructor(private readonly timeline: FamilyTimelineQuery) {}

  @Get()
  @Requires('linkages.family.read')
  @ApiOperation({
    summary: 'Read the family timeline across both agencies',
    description:
      'Entries in the family’s one order (when each fact happened, then the order referrals received it), and referrals’ clocks with their explanations. Audited.',
  })
  @ApiSuccess(familyTimelineResponse, { status: 200, description: 'The timeline as your authority allows, with `disclosure`' })
  @ApiProblems('validation', 'not-found', 'no-sharing-authority')
  read(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('familyId') familyId: string,
    @CorrelationId() correlationId: string,
  ): Promise<FamilyTimelineView> {
    return this.timeline.execute({ principal, correlationId }, familyId);
  }
}
