import { Injectable } from '@nestjs/common';
import type { ChildCareExtensionRequest } from '@linkages/calworks-domain';
import { childCareExtensionUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** SB 80: child care is still being arranged: the good cause gets one more 15-day increment (30 days at most). */
@Injectable()
export class ExtendChildCareGoodCause {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<ChildCareExtensionRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, childCareExtensionUpdate, input, 'child-care-good-cause-extended');
  }
}
