import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditActor, noSharingAuthority, notFound } from '@linkages/platform-auth';
import { decideCwsDisclosure, type DisclosureDecision } from '@linkages/platform-access';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { SharingAuthorityRepository } from '@linkages/referrals-data-access';
import { authorityLabel, toSharingAuthority } from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import type { SharedFamilyRef } from './family-in-county';

/**
 * The sharing policy on every cross-agency view of a shared family (plan, timeline, enrollment, coordination): the
 * family's recorded authorities weighed at the instant of the read (`decideCwsDisclosure`: an expired consent or
 * ended window widens nothing from its instant on, recorded or not), and the read audited with the authority relied on.
 */
@Injectable()
export class FamilyDisclosure {
  constructor(
    private readonly authorities: SharingAuthorityRepository,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  /** What the caller may see of the family's child-welfare information now; refused reads are audited and thrown. */
  async decide(
    tx: EntityManager,
    ctx: RequestContext,
    family: SharedFamilyRef,
    purpose: string,
    now = new Date(),
  ): Promise<DisclosureDecision> {
    const rows = await this.authorities.ofFamilies(tx, family.familyIds);
    const decision = decideCwsDisclosure(ctx.principal, { county: family.countyCode }, rows.map(toSharingAuthority), now);
    if (!decision.allowed) {
      await this.audit.append({
        ...auditActor(ctx.principal),
        action: ctx.principal.agency === 'cws' ? 'read' : 'share',
        recordType: 'shared-family',
        recordId: family.familyId,
        purpose,
        outcome: 'denied',
        reason: decision.refusal ?? 'no-authority',
        correlationId: ctx.correlationId,
      });
      if (decision.refusal === 'other-county') throw notFound('shared family');
      throw noSharingAuthority('Your agency has no authority to see this family’s child-welfare information');
    }
    return decision;
  }

  /** The audit record of an allowed cross-agency read (a CalWORKs read of CWS information is a share). */
  async audited(
    ctx: RequestContext,
    family: SharedFamilyRef,
    recordType: string,
    purpose: string,
    decision: DisclosureDecision,
    details: Record<string, unknown> = {},
  ) {
    await this.audit.append({
      ...auditActor(ctx.principal),
      action: ctx.principal.agency === 'cws' ? 'read' : 'share',
      recordType,
      recordId: family.familyId,
      recordCounty: family.countyCode,
      purpose,
      authority: authorityLabel(decision),
      outcome: 'allowed',
      correlationId: ctx.correlationId,
      details: { classes: decision.classes, ...details },
    });
  }
}
