import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditActor, notFound } from '@linkages/platform-auth';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { FamilyResolver, LinkagesFamilyEntity } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';

/** A shared family as the cross-agency views address it: the surviving id, its county and every id merged into it. */
export interface SharedFamilyRef {
  familyId: string;
  countyCode: string;
  /** The surviving id first, then the families merged into it (their rows stay under their own ids). */
  familyIds: string[];
}

/**
 * Object-level county check for the use cases on a shared family: another county's family (or none) is reported as
 * absent, and the attempt is audited; a merged family's id leads to the family it was merged into.
 */
@Injectable()
export class FamilyInCounty {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly families: FamilyResolver,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async find(
    ctx: RequestContext,
    familyId: string,
    purpose: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<SharedFamilyRef> {
    const family = await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id: familyId } });
    if (!family || family.countyCode !== ctx.principal.county) {
      await this.audit.append({
        ...auditActor(ctx.principal),
        action: 'access',
        recordType: 'shared-family',
        recordId: familyId,
        purpose,
        outcome: 'denied',
        reason: 'not found in the caller’s county',
        correlationId: ctx.correlationId,
      });
      throw notFound('shared family');
    }
    const survivor = await this.families.survivorOf(tx, family.id);
    const merged = await tx.getRepository(LinkagesFamilyEntity).find({ where: { mergedInto: survivor }, order: { createdAt: 'ASC' } });
    return { familyId: survivor, countyCode: family.countyCode, familyIds: [survivor, ...merged.map((m) => m.id)] };
  }
}
