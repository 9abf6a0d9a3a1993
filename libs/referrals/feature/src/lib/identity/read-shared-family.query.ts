import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdentityRepository, LinkagesFamilyEntity } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';
import { IdentityAudit } from './identity-audit';
import { personLinkView } from './identity.view';

/**
 * A shared family as Linkages holds it: the agency families and AUs mapped to it, and the person links that hold it
 * together with their evidence levels (never a match key or a name). Another county's family is absent (404,
 * audited); every read is audited.
 */
@Injectable()
export class ReadSharedFamilyQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityRepository,
    private readonly audit: IdentityAudit,
  ) {}

  async execute({ principal, correlationId }: RequestContext, familyId: string) {
    const tx = this.dataSource.manager;
    const family = await tx.getRepository(LinkagesFamilyEntity).findOne({ where: { id: familyId, countyCode: principal.county } });
    if (!family) return this.audit.absent(principal, correlationId, 'linkages-family', familyId, 'read shared family');
    const identities = (await this.identity.identityRowsOf(tx, family.id)).filter((i) => i.unlinkedAt === null);
    const members = (await Promise.all(identities.map((i) => this.identity.personsOfFamily(tx, { kind: i.refKind, id: i.refId })))).flat();
    const memberIds = new Set(members.map((m) => m.id));
    const links = (await this.identity.currentLinksOf(tx, [...memberIds])).filter((l) => memberIds.has(l.aId) && memberIds.has(l.bId));
    await this.audit.read(principal, correlationId, 'linkages-family', family.id, { identities: identities.length, links: links.length });
    return {
      familyId: family.id,
      countyCode: family.countyCode,
      status: family.status,
      mergedInto: family.mergedInto,
      createdAt: family.createdAt.toISOString(),
      identities: identities.map((i) => ({
        refKind: i.refKind,
        refId: i.refId,
        calworksCaseNumber: i.calworksCaseNumber,
        linkId: i.linkId,
        linkedAt: i.linkedAt.toISOString(),
      })),
      links: links.map((l) => personLinkView(l, members)),
    };
  }
}
