import { Injectable } from '@nestjs/common';
import type { StateHearingRequest } from '@linkages/calworks-domain';
import { stateHearingUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** A state hearing requested within 90 days of the effective date (MPP 22-009.1); aid paid pending when before it. */
@Injectable()
export class RequestStateHearing {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<StateHearingRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, stateHearingUpdate, input, 'state-hearing-requested');
  }
}
