import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId, CurrentPrincipal, Requires } from '@linkages/platform-auth';
import type { Principal } from '@linkages/platform-access';
import { ApiJsonBody, ApiProblems, ApiSuccess, ValidBody } from '@linkages/platform-http';
import { preferencesBody, preferencesResponse, type PreferencesBody, type PreferencesResponse } from './organisation.schemas';
import { ReadPreferencesQuery } from './read-preferences.query';
import { UpdatePreferencesCommand } from './update-preferences.command';

const urgent =
  'Legally urgent escalations (an immediate response, a detention petition) ignore these preferences: never delayed, muted, digested or throttled; during your quiet hours they go to your coverage at once.';

/** The caller's own delivery preferences (issue 14, Deliver 3): quiet hours and channels. */
@ApiTags('notifications')
@Controller()
export class PreferencesController {
  constructor(
    private readonly readPreferences: ReadPreferencesQuery,
    private readonly updatePreferences: UpdatePreferencesCommand,
  ) {}

  @Get('me/preferences')
  @Requires('notifications.inbox')
  @ApiOperation({ summary: 'Your quiet hours and channels', description: urgent })
  @ApiSuccess(preferencesResponse, { status: 200, description: 'Your preferences' })
  @ApiProblems('not-found')
  read(@CurrentPrincipal() principal: Principal): Promise<PreferencesResponse> {
    return this.readPreferences.execute(principal);
  }

  @Put('me/preferences')
  @Requires('notifications.inbox')
  @ApiOperation({
    summary: 'Set your quiet hours (HH:mm in the county’s time zone, may wrap midnight, or null) and channels',
    description: `${urgent} Audited.`,
  })
  @ApiJsonBody(preferencesBody)
  @ApiSuccess(preferencesResponse, { status: 200, description: 'Your preferences as set' })
  @ApiProblems('validation', 'not-found')
  update(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(preferencesBody) body: PreferencesBody,
    @CorrelationId() correlationId: string,
  ): Promise<PreferencesResponse> {
    return this.updatePreferences.execute({ principal, correlationId }, body);
  }
}
