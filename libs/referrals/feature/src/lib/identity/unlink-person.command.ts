import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { auditActor } from '@linkages/platform-auth';
import { refusedWrite } from '@linkages/platform-http';
import { FamilyResolver, IdentityRepository } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';
import { FamilyLinker, type IdentityContext } from './family-linker';
import { IdentityAudit } from './identity-audit';
import { personLinkEnded } from './identity.problems';
import type { UnlinkPerson } from './identity.schemas';
import { personLinkView, type PersonLinkView } from './identity.view';

/**
 * A liaison ends a person link (reversible: the row keeps who linked and who unlinked, and why; a new decision
 * links again). The shared family is recomputed: an agency family no longer held by the family-link rules leaves for
 * a new shared family (split, `family-unlinked`). Unlinked once (409 after); audited.
 */
@Injectable()
export class UnlinkPersonCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityRepository,
    private readonly families: FamilyResolver,
    private readonly linker: FamilyLinker,
    private readonly identityAudit: IdentityAudit,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(
    { principal, correlationId }: RequestContext,
    linkId: string,
    input: UnlinkPerson,
  ): Promise<PersonLinkView & { familyIds: string[] }> {
    const found = await this.identity.linkInCounty(this.dataSource.manager, principal.county, linkId);
    if (!found) return this.identityAudit.absent(principal, correlationId, 'person-link', linkId, 'unlink person');
    const ctx: IdentityContext = { correlationId, actor: auditActor(principal) };
    return this.dataSource.transaction(async (tx) => {
      const link = await this.identity.linkInCounty(tx, principal.county, linkId, { lock: true });
      if (!link || link.status !== 'linked') throw refusedWrite(personLinkEnded, 'This person link is already unlinked');
      Object.assign(link, { status: 'unlinked' as const, endedAt: new Date(), endedBy: principal.subject, endReason: input.reason });
      await this.identity.saveLink(tx, link);
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'unlink',
          recordType: 'person-link',
          recordId: link.id,
          recordCounty: link.countyCode,
          purpose: 'linkages matching',
          outcome: 'allowed',
          reason: input.reason,
          correlationId,
          details: { kind: link.kind, decidedBy: link.decidedBy },
        },
        tx,
      );
      if (link.kind === 'cross-agency') await this.linker.afterUnlink(tx, link.countyCode, link, ctx, input.reason);
      const records = await this.identity.byIds(tx, [link.aId, link.bId]);
      const familyIds = new Set<string>();
      for (const r of records) {
        const familyId = await this.families.familyOf(tx, link.countyCode, { kind: r.familyRefKind, id: r.familyRefId });
        if (familyId) familyIds.add(familyId);
      }
      return { ...personLinkView(link, records), familyIds: [...familyIds] };
    });
  }
}
