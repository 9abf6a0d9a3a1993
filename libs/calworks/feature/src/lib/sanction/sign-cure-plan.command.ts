import { Injectable } from '@nestjs/common';
import type { CurePlanRequest } from '@linkages/calworks-domain';
import { curePlanUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The WTW 29 cure plan; the cure activity (at most 30 days) starts unless child care is still being arranged (SB 80). */
@Injectable()
export class SignCurePlan {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<CurePlanRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, curePlanUpdate, input, 'cure-plan-signed');
  }
}
