import { Injectable } from '@nestjs/common';
import type { PlanOutcomeRequest } from '@linkages/calworks-domain';
import { compliancePlanOutcomeUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** The compliance plan completed or failed; failed without good cause, a sanction request follows at once (NA 817). */
@Injectable()
export class RecordCompliancePlanOutcome {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<PlanOutcomeRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, compliancePlanOutcomeUpdate, input, 'compliance-plan-outcome');
  }
}
