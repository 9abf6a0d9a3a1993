import { Injectable } from '@nestjs/common';
import type { ChildCareInPlaceRequest } from '@linkages/calworks-domain';
import { childCareInPlaceUpdate } from '@linkages/calworks-workflows';
import type { HouseholdCtx } from '../household/household.context';
import { SanctionProcesses } from './sanction-processes';

/** SB 80: child care is in place, so the cure activity may be required from now. */
@Injectable()
export class RecordChildCareInPlace {
  constructor(private readonly processes: SanctionProcesses) {}

  execute(ctx: HouseholdCtx, episodeId: string, input: Omit<ChildCareInPlaceRequest, 'by'>) {
    return this.processes.send(ctx, episodeId, childCareInPlaceUpdate, input, 'child-care-in-place');
  }
}
