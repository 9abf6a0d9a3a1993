import { Injectable } from '@nestjs/common';
import type { GoodCauseRequest } from '@linkages/calworks-domain';
import { goodCauseUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** Good cause found in the compliance period on a ground of RULES.md 3 (an unknown ground is refused): the episode ends. */
@Injectable()
export class FindGoodCause {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<GoodCauseRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, goodCauseUpdate, input, 'good-cause');
  }
}
