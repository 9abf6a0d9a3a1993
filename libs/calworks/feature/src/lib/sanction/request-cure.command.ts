import { Injectable } from '@nestjs/common';
import type { CureRequest } from '@linkages/calworks-domain';
import { cureRequestUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The participant asks to cure the sanction (refused when there is no sanction to cure); the cure plan clock starts. */
@Injectable()
export class RequestCure {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<CureRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, cureRequestUpdate, input, 'cure-requested');
  }
}
