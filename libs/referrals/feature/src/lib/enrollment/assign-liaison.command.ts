import { Injectable } from '@nestjs/common';
import { liaisonUpdate } from '@linkages/referrals-workflows';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import { CoordinationAudit } from '../coordination/coordination-audit';
import { CoordinationUpdates } from '../coordination/coordination-updates';
import type { EnrollmentResponse, LiaisonBody } from '../coordination/coordination.schemas';
import { ReadEnrollmentQuery } from './read-enrollment.query';

/**
 * A supervisor or liaison assigns the family's Linkages liaison: recorded on the enrollment in effect by the family's
 * process (`linkages.strategy-enrolled` again, with `liaisonAssigned`). A family in no strategy is refused (409).
 */
@Injectable()
export class AssignLiaisonCommand {
  constructor(
    private readonly familyInCounty: FamilyInCounty,
    private readonly updates: CoordinationUpdates,
    private readonly audit: CoordinationAudit,
    private readonly read: ReadEnrollmentQuery,
  ) {}

  async execute(ctx: RequestContext, familyId: string, body: LiaisonBody): Promise<EnrollmentResponse> {
    const family = await this.familyInCounty.find(ctx, familyId, 'assign Linkages liaison');
    const view = await this.updates.update(family.familyId, liaisonUpdate, {
      liaisonSubject: body.liaisonSubject,
      by: ctx.principal.subject,
    });
    await this.audit.record(
      ctx,
      family,
      'update',
      'enrollment',
      view.enrollment?.enrollmentId ?? family.familyId,
      'assign Linkages liaison',
      {},
    );
    return this.read.execute(ctx, family.familyId);
  }
}
