import { Injectable } from '@nestjs/common';
import type { SupervisorReviewRequest } from '@linkages/calworks-domain';
import { supervisorReviewUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The CWES supervisor records the sanction (effective date explained) or finds good cause on a review ground. */
@Injectable()
export class ReviewSanctionRequest {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<SupervisorReviewRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, supervisorReviewUpdate, input, 'supervisor-review');
  }
}
