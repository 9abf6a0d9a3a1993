import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { duplicateSuspectedEvent, removalMembersProposedEvent } from '@linkages/shared-contracts';
import {
  FamilyResolver,
  IdentityRepository,
  MatchReviewEntity,
  PersonLinkEntity,
  tokenKinds,
  type PersonLinkKind,
  type PersonRecordEntity,
} from '@linkages/referrals-data-access';
import {
  assessPair,
  defaultMatchModel,
  identityEventClassification,
  matchSettingsFor,
  proposedAuMembers,
  type CwsToAuLink,
  type MatchModel,
  type PairAssessment,
  type RemovalMemberProposal,
  type TermFrequencies,
} from '@linkages/referrals-domain';
import { FamilyLinker, systemActor, type IdentityChange, type IdentityContext } from './family-linker';

/** What one record's run did (counts and ids only: never a token). */
export interface PipelineResult {
  candidates: number;
  links: string[];
  reviews: string[];
  duplicates: string[];
  changes: IdentityChange[];
}

export interface RemovalFacts {
  removalId: string;
  /** The CWS person removed (child-removed's childId). */
  childId: string;
  removedAt: string;
  correlationId: string;
}

/** The agencies' own records of one person inside one agency are a duplicate (warned); across agencies, a link. */
export const linkKindOf = (a: PersonRecordEntity, b: PersonRecordEntity): PersonLinkKind =>
  a.agency === b.agency && a.agency !== 'linkages' ? 'duplicate' : 'cross-agency';

/**
 * The matching pipeline (issue 13, Deliver 1): for a person record just written, the county's candidates sharing a
 * blocking token are compared (levels from tokens), scored (Fellegi–Sunter with term frequencies) and decided with
 * the guards. A confident cross-agency pair is linked (person link, then the shared families joined when the
 * family-link rules hold); an uncertain one goes to the review queue; a pair inside one agency across two of its
 * families is a duplicate warning (review + `duplicate-suspected`), never merged. All in the caller's transaction.
 */
@Injectable()
export class MatchPipeline {
  readonly model: MatchModel = defaultMatchModel;

  constructor(
    private readonly identity: IdentityRepository,
    private readonly families: FamilyResolver,
    private readonly linker: FamilyLinker,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async run(tx: EntityManager, record: PersonRecordEntity, correlationId: string): Promise<PipelineResult> {
    const result: PipelineResult = { candidates: 0, links: [], reviews: [], duplicates: [], changes: [] };
    if (record.withdrawnAt) return result;
    const settings = matchSettingsFor(record.countyCode);
    const ctx: IdentityContext = { correlationId, actor: systemActor(record.countyCode) };
    const minimum = settings.termFrequencyMinimumPopulation;
    const first = await this.identity.termFrequency(tx, record.countyCode, tokenKinds.firstExact, record.keys.first.exact, minimum);
    const last = await this.identity.termFrequency(tx, record.countyCode, tokenKinds.lastExact, record.keys.last.exact, minimum);
    const tf: TermFrequencies = { ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
    const candidates = await this.identity.candidates(tx, record);
    result.candidates = candidates.length;
    const twinsIn = new Map<string, boolean>();
    const sameBirthSibling = async (p: PersonRecordEntity) => {
      const key = `${p.familyRefKind}:${p.familyRefId}`;
      let found = twinsIn.get(key);
      if (found === undefined) {
        const members = await this.identity.personsOfFamily(tx, { kind: p.familyRefKind, id: p.familyRefId });
        found = members.some((o) => o.id !== p.id && !!o.keys.dob && o.keys.dob.full === p.keys.dob?.full);
        twinsIn.set(key, found);
      }
      return found;
    };
    for (const other of candidates) {
      if (other.familyRefKind === record.familyRefKind && other.familyRefId === record.familyRefId) continue;
      const context = { sameBirthSibling: (await sameBirthSibling(record)) || (await sameBirthSibling(other)) };
      const assessment = assessPair(record, other, this.model, settings, tf, context);
      if (assessment.outcome === 'none') continue;
      if (await this.identity.currentLinkOf(tx, record.id, other.id)) continue;
      if (await this.identity.openReviewOf(tx, record.id, other.id)) continue;
      if ((await this.identity.rejectedPair(tx, record.id, other.id)) || (await this.identity.unlinkedPair(tx, record.id, other.id)))
        continue;
      const kind = linkKindOf(record, other);
      if (kind === 'duplicate') {
        result.duplicates.push(await this.warnDuplicate(tx, record, other, assessment, ctx));
      } else if (assessment.outcome === 'link') {
        const link = await this.link(tx, record, other, assessment, 'auto', ctx);
        result.links.push(link.id);
        const change = await this.linker.afterPersonLink(tx, record.countyCode, link, ctx, 'auto');
        if (change) result.changes.push(change);
      } else {
        result.reviews.push((await this.openReview(tx, record, other, assessment, 'cross-agency')).id);
      }
    }
    return result;
  }

  /** Records a person link (auto or a liaison's decision), audited. */
  async link(
    tx: EntityManager,
    a: PersonRecordEntity,
    b: PersonRecordEntity,
    assessment: Pick<PairAssessment, 'evidence'>,
    decidedBy: string,
    ctx: IdentityContext,
  ): Promise<PersonLinkEntity> {
    const link = await this.identity.addLink(
      tx,
      Object.assign(new PersonLinkEntity(), {
        id: randomUUID(),
        countyCode: a.countyCode,
        aId: a.id,
        bId: b.id,
        kind: linkKindOf(a, b),
        status: 'linked' as const,
        decidedBy,
        probability: assessment.evidence.probability,
        weight: assessment.evidence.weight,
        evidence: assessment.evidence,
        modelVersion: assessment.evidence.modelVersion,
        createdAt: new Date(),
        endedAt: null,
        endedBy: null,
        endReason: null,
      }),
    );
    await this.audit.append(
      {
        ...ctx.actor,
        action: 'link',
        recordType: 'person-link',
        recordId: link.id,
        recordCounty: link.countyCode,
        purpose: 'linkages matching',
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        details: {
          decidedBy,
          probability: link.probability,
          modelVersion: link.modelVersion,
          levels: assessment.evidence.levels,
          guards: assessment.evidence.guards,
          a: `${a.refKind}/${a.refId}`,
          b: `${b.refKind}/${b.refId}`,
        },
      },
      tx,
    );
    return link;
  }

  private openReview(tx: EntityManager, a: PersonRecordEntity, b: PersonRecordEntity, assessment: PairAssessment, kind: PersonLinkKind) {
    return this.identity.addReview(
      tx,
      Object.assign(new MatchReviewEntity(), {
        id: randomUUID(),
        countyCode: a.countyCode,
        aId: a.id,
        bId: b.id,
        kind,
        probability: assessment.evidence.probability,
        evidence: assessment.evidence,
        status: 'open' as const,
        openedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
        reason: null,
      }),
    );
  }

  private async warnDuplicate(
    tx: EntityManager,
    a: PersonRecordEntity,
    b: PersonRecordEntity,
    assessment: PairAssessment,
    ctx: IdentityContext,
  ) {
    const review = await this.openReview(tx, a, b, assessment, 'duplicate');
    const { familyId } = await this.families.resolve(tx, a.countyCode, { kind: a.familyRefKind, id: a.familyRefId });
    await shareEvent(
      this.outbox,
      tx,
      identityEventClassification,
      duplicateSuspectedEvent,
      {
        familyId,
        reviewId: review.id,
        agency: a.agency,
        refKind: a.familyRefKind,
        refIds: [a.familyRefId, b.familyRefId],
        at: review.openedAt.toISOString(),
      },
      { countyCode: a.countyCode, correlationId: ctx.correlationId },
    );
    await this.audit.append(
      {
        ...ctx.actor,
        action: 'flag',
        recordType: 'match-review',
        recordId: review.id,
        recordCounty: a.countyCode,
        purpose: 'linkages matching',
        outcome: 'allowed',
        correlationId: ctx.correlationId,
        details: {
          kind: 'duplicate',
          probability: review.probability,
          refs: [`${a.familyRefKind}/${a.familyRefId}`, `${b.familyRefKind}/${b.familyRefId}`],
        },
      },
      tx,
    );
    return review.id;
  }

  /**
   * Proposes to CalWORKs which AU members a child welfare removal concerns: the AU members linked to the removed
   * child (`removal-members-proposed` per AU, keyed by the shared family). Called by the child-removed handler in its
   * inbox transaction; nothing is published when the child is linked to no AU member.
   */
  async proposeRemovalMembers(tx: EntityManager, countyCode: string, removal: RemovalFacts): Promise<RemovalMemberProposal[]> {
    const child = await this.identity.byRefId(tx, removal.childId);
    if (!child || child.countyCode !== countyCode || child.refKind !== 'cws-person') return [];
    const links = (await this.identity.currentLinksOf(tx, [child.id])).filter((l) => l.kind === 'cross-agency');
    const others = await this.identity.byIds(
      tx,
      links.map((l) => (l.aId === child.id ? l.bId : l.aId)),
    );
    const byId = new Map(others.map((o) => [o.id, o]));
    const auLinks: CwsToAuLink[] = [];
    for (const l of links) {
      const other = byId.get(l.aId === child.id ? l.bId : l.aId);
      if (other?.refKind === 'au-member')
        auLinks.push({ linkId: l.id, cwsPersonId: child.refId, auId: other.familyRefId, auMemberId: other.refId });
    }
    const proposals = proposedAuMembers(child.refId, auLinks);
    if (proposals.length === 0) return [];
    const { familyId } = await this.families.resolve(tx, countyCode, { kind: 'cws-family', id: child.familyRefId });
    for (const proposal of proposals) {
      await shareEvent(
        this.outbox,
        tx,
        identityEventClassification,
        removalMembersProposedEvent,
        { familyId, removalId: removal.removalId, ...proposal, at: new Date().toISOString() },
        { countyCode, correlationId: removal.correlationId },
      );
    }
    await this.audit.append(
      {
        ...systemActor(countyCode),
        action: 'share',
        recordType: 'removal',
        recordId: removal.removalId,
        recordCounty: countyCode,
        purpose: `event ${removalMembersProposedEvent.type}`,
        authority: 'wic-10850',
        outcome: 'allowed',
        correlationId: removal.correlationId,
        details: { aus: proposals.map((p) => p.auId), members: proposals.reduce((n, p) => n + p.proposedMemberIds.length, 0) },
      },
      tx,
    );
    return proposals;
  }
}
