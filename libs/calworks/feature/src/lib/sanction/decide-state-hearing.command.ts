import { Injectable } from '@nestjs/common';
import type { HearingDecisionRequest } from '@linkages/calworks-domain';
import { hearingDecisionUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The state hearing decision: sustained, or reversed (the sanction is undone as good cause). */
@Injectable()
export class DecideStateHearing {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<HearingDecisionRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, hearingDecisionUpdate, input, 'state-hearing-decided');
  }
}
