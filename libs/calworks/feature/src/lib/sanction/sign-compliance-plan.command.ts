import { Injectable } from '@nestjs/common';
import type { CompliancePlanRequest } from '@linkages/calworks-domain';
import { compliancePlanUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** A WTW 32 compliance plan signed by day 20 (refused after the sanction is imposed). */
@Injectable()
export class SignCompliancePlan {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<CompliancePlanRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, compliancePlanUpdate, input, 'compliance-plan-signed');
  }
}
