import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { jointMeetingUpdate } from '@linkages/referrals-workflows';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { CoordinationAudit } from './coordination-audit';
import { CoordinationUpdates } from './coordination-updates';
import type { CoordinationResponse, JointMeetingBody } from './coordination.schemas';
import { ReadCoordinationQuery } from './read-coordination.query';

/**
 * A joint case-planning meeting of both agencies was held: recorded by the family's process, which meets the open
 * joint-meeting task of the case (or of every open FM/FR case) when the meeting is on or after the case opened. A date
 * in the future or an unknown case is refused and nothing changes.
 */
@Injectable()
export class RecordJointMeetingCommand {
  constructor(
    private readonly familyInCounty: FamilyInCounty,
    private readonly updates: CoordinationUpdates,
    private readonly audit: CoordinationAudit,
    private readonly read: ReadCoordinationQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, body: JointMeetingBody): Promise<CoordinationResponse> {
    const family = await this.familyInCounty.find(ctx, familyId, 'record joint case-planning meeting');
    const meetingId = randomUUID();
    await this.updates.update(family.familyId, jointMeetingUpdate, {
      meetingId,
      heldOn: body.heldOn,
      ...(body.caseId ? { caseId: body.caseId } : {}),
      by: ctx.principal.subject,
    });
    await this.audit.record(ctx, family, 'create', 'joint-meeting', meetingId, 'record joint case-planning meeting', {
      heldOn: body.heldOn,
    });
    return this.read.execute(ctx, family.familyId);
  }
}
