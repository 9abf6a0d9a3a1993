import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { childRefusal, closedCaseRefusal } from '@linkages/child-welfare-domain';
import {
  CaseRepository,
  CwsReferralRepository,
  FamilyRepository,
  type CwsCaseEntity,
  type CwsReferralEntity,
  type FamilyEntity,
  type LockOption,
  type PersonEntity,
} from '@linkages/child-welfare-data-access';
import { CaseworkAudit } from './casework-audit';
import type { Ctx } from './casework.context';
import { refuse } from './casework.problems';

/**
 * The records a use case works on, found in the caller's county: another county's record is absent (404, and the
 * attempt audited). A case read for a change (`{ lock: true }`) must be open.
 */
@Injectable()
export class CaseworkRecords {
  constructor(
    private readonly families: FamilyRepository,
    private readonly referrals: CwsReferralRepository,
    private readonly cases: CaseRepository,
    private readonly audit: CaseworkAudit,
  ) {}

  async family(tx: EntityManager, ctx: Ctx, familyId: string): Promise<FamilyEntity> {
    return (await this.families.inCounty(tx, ctx.principal.county, familyId)) ?? this.audit.deny(ctx, 'family', familyId);
  }

  async referral(tx: EntityManager, ctx: Ctx, referralId: string, options?: LockOption): Promise<CwsReferralEntity> {
    return (
      (await this.referrals.inCounty(tx, ctx.principal.county, referralId, options)) ?? this.audit.deny(ctx, 'cws-referral', referralId)
    );
  }

  async case(tx: EntityManager, ctx: Ctx, caseId: string, options?: LockOption): Promise<CwsCaseEntity> {
    const kase = (await this.cases.inCounty(tx, ctx.principal.county, caseId, options)) ?? (await this.audit.deny(ctx, 'case', caseId));
    if (options?.lock) refuse(closedCaseRefusal(kase));
    return kase;
  }

  /** A child of the family (409 when the person is not one). */
  async childOf(tx: EntityManager, familyId: string, childId: string): Promise<PersonEntity> {
    const child = await this.families.member(tx, familyId, childId);
    refuse(childRefusal(child));
    return child as PersonEntity;
  }
}
