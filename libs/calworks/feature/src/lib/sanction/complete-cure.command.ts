import { Injectable } from '@nestjs/common';
import type { CureCompletedRequest } from '@linkages/calworks-domain';
import { cureCompletedUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The cure activity is done: aid restored on the 1st of the month after the cure contact, or no cut at all if done before the sanction took effect. */
@Injectable()
export class CompleteCure {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<CureCompletedRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, cureCompletedUpdate, input, 'cure-completed');
  }
}
