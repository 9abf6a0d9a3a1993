import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CoordinationRepository, type EnrollmentEntity } from '@linkages/referrals-data-access';
import { FamilyDisclosure } from '../authority/family-disclosure';
import { FamilyInCounty } from '../authority/family-in-county';
import type { RequestContext } from '../request-context';
import type { EnrollmentResponse } from '../coordination/coordination.schemas';

const row = (e: EnrollmentEntity) => ({
  enrollmentId: e.id,
  strategy: e.strategy,
  tracks: e.tracks,
  reasons: e.reasons,
  caseStage: e.caseStage,
  liaisonAssigned: e.liaisonSubject !== null,
  startedAt: e.startedAt.toISOString(),
  endedAt: e.endedAt ? e.endedAt.toISOString() : null,
  supersededBy: e.supersededBy,
});

/** The family's Linkages strategy: the enrollment in effect (why, at which case stage, whether a liaison is assigned) and the earlier ones. */
@Injectable()
export class ReadEnrollmentQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly familyInCounty: FamilyInCounty,
    private readonly disclosure: FamilyDisclosure,
    private readonly coordination: CoordinationRepository,
  ) {}

  async execute(ctx: RequestContext, familyId: string): Promise<EnrollmentResponse> {
    const tx = this.dataSource.manager;
    const family = await this.familyInCounty.find(ctx, familyId, 'view enrollment');
    const decision = await this.disclosure.decide(tx, ctx, family, 'view enrollment');
    const rows = (await Promise.all(family.familyIds.map((id) => this.coordination.enrollmentsOf(tx, id)))).flat();
    const current = rows.find((r) => r.familyId === family.familyId && !r.endedAt) ?? null;
    await this.disclosure.audited(ctx, family, 'enrollment', 'view enrollment', decision, { enrollments: rows.length });
    return {
      familyId: family.familyId,
      current: current ? row(current) : null,
      history: rows
        .filter((r) => r !== current)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
        .map(row),
    };
  }
}
