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
  type PersonLinkKind,
  type PersonRecordEntity,
} from '@linkages/referrals-data-access';
import {
  assessPair,
  bestDuplicateCandidate,
  defaultMatchModel,
  duplicateToOpen,
  looksAlike,
  identityEventClassification,
  matchSettingsFor,
  planCrossAgency,
  proposedAuMembers,
  type AssessedCandidate,
  type CwsToAuLink,
  type MatchModel,
  type PairAssessment,
  type RemovalMemberProposal,
  type TermFrequencies,
} from '@linkages/referrals-domain';
import { FamilyLinker, systemActor, type IdentityChange, type IdentityContext } from './family-linker';

/** What one record's run did (counts and ids only: never a token). */
export interface PipelineResult {
  /** Candidates compared (other agency families sharing a usable block). */
  candidates: number;
  /** The record's fuzzy blocks left out as over the county's block cap. */
  blocksSkipped: number;
  links: string[];
  reviews: string[];
  duplicates: string[];
  /** Uncertain cross-agency pairs not sent to review: the record had its cap of open reviews. */
  capped: number;
  /** Confident pairs sent to review instead: the record has more look-alikes in the other agency than one person can be. */
  lookAlikes: number;
  /** Confident pairs sent to review instead: the record has its cap of cross-agency links. */
  linksOverCap: number;
  changes: IdentityChange[];
}

export interface RemovalFacts {
  removalId: string;
  /** The CWS person removed (child-removed's childId). */
  childId: string;
  removedAt: string;
  /** The CWS case and family, and whether every child was removed: CalWORKs starts the FR process from them (1.1). */
  caseId: string;
  cwsFamilyId: string;
  allChildrenRemoved: boolean;
  /**
   * Child welfare named the family's CalWORKs case number: CalWORKs found the AU itself and started the process, so the
   * proposal carries no removal (CalWORKs must never start a second process, or one for another AU, from a proposal).
   */
  knownToCalworks: boolean;
  correlationId: string;
}

/** The agencies' own records of one person inside one agency are a duplicate (warned); across agencies, a link. */
export const linkKindOf = (a: PersonRecordEntity, b: PersonRecordEntity): PersonLinkKind =>
  a.agency === b.agency && a.agency !== 'linkages' ? 'duplicate' : 'cross-agency';

/**
 * The matching pipeline (issue 13, Deliver 1): for a person record just written, the county's candidates sharing a
 * usable blocking token (a fuzzy block over the county's `maxBlockSize` is a crowd and finds nothing; the exact SSN key
 * always does) are compared (levels from tokens), scored (Fellegi–Sunter with term frequencies) and decided with the
 * guards. A confident cross-agency pair is linked (person link, then the shared families joined when the family-link
 * rules hold); an uncertain one goes to the review queue, at most `maxOpenReviewsPerRecord` open per record, the best
 * ones. Inside one agency duplicates are clusters: the record opens at most one duplicate warning (review +
 * `duplicate-suspected`), against its best candidate, and none when the two are already in one cluster; never merged.
 * The work per record is a fixed handful of set-based queries plus one write per decision. All in the caller's
 * transaction.
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

  /**
   * Matching in a county runs one transaction at a time: two agencies' records of one person arriving at once (on
   * different partitions, in two inbox transactions) would each look for the other before it is committed, and never
   * link. Taken first in the transaction (before any family row is locked, so it cannot deadlock with a join); held to
   * its commit. Throughput: matching is tens of milliseconds a record, per county.
   */
  async serializeCounty(tx: EntityManager, countyCode: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('linkages-matching'), hashtext($1))`, [countyCode]);
  }

  async run(tx: EntityManager, record: PersonRecordEntity, correlationId: string): Promise<PipelineResult> {
    const result: PipelineResult = {
      candidates: 0,
      blocksSkipped: 0,
      links: [],
      reviews: [],
      duplicates: [],
      capped: 0,
      lookAlikes: 0,
      linksOverCap: 0,
      changes: [],
    };
    if (record.withdrawnAt) return result;
    const settings = matchSettingsFor(record.countyCode);
    const ctx: IdentityContext = { correlationId, actor: systemActor(record.countyCode) };
    // A few set-based queries per record, whatever the number of candidates: term frequencies, candidates (block cap),
    // everything the record already has with others, and the twins among the families involved.
    const tf: TermFrequencies = await this.identity.termFrequencies(
      tx,
      record.countyCode,
      { first: record.keys.first.exact, last: record.keys.last.exact },
      settings.termFrequencyMinimumPopulation,
    );
    const found = await this.identity.candidates(tx, record, { maxBlockSize: settings.maxBlockSize });
    const candidates = found.people.filter((o) => o.familyRefKind !== record.familyRefKind || o.familyRefId !== record.familyRefId);
    result.candidates = candidates.length;
    result.blocksSkipped = found.blocksSkipped;
    if (candidates.length === 0) return result;
    const states = await this.identity.pairStatesOf(tx, record.id);
    const twins = await this.identity.withSameBirthSibling(tx, [record, ...candidates]);
    const pending = new Set(states.filter((p) => p.status === 'linked' || p.status === 'open').map((p) => p.otherId));
    const refused = new Set(states.filter((p) => p.status === 'unlinked' || p.status === 'rejected').map((p) => p.otherId));
    // A liaison's "not the same" on a duplicate covers the other's confirmed cluster (see DecideMatchReviewCommand).
    const rejectedDuplicates = states.filter((p) => p.kind === 'duplicate' && p.status === 'rejected').map((p) => p.otherId);
    const refusedClusters = await this.identity.duplicateCluster(tx, rejectedDuplicates, {
      openReviews: false,
      max: settings.maxDuplicateClusterSize,
    });

    const assessed = new Map<string, { other: PersonRecordEntity; assessment: PairAssessment }>();
    const pairOf = (id: string) => {
      const pair = assessed.get(id);
      if (!pair) throw new Error('The plan named a candidate that was not assessed');
      return pair;
    };
    const scored: AssessedCandidate[] = [];
    let lookAlikes = 0;
    for (const other of candidates) {
      const assessment = assessPair(record, other, this.model, settings, tf, {
        sameBirthSibling: twins.has(record.id) || twins.has(other.id),
      });
      const kind = linkKindOf(record, other);
      if (kind === 'cross-agency' && looksAlike(assessment.evidence.levels)) lookAlikes++;
      if (assessment.outcome === 'none') continue;
      assessed.set(other.id, { other, assessment });
      scored.push({
        id: other.id,
        kind,
        outcome: assessment.outcome,
        probability: assessment.evidence.probability,
        since: other.updatedAt.getTime(),
        pending: pending.has(other.id),
        refused: refused.has(other.id) || (kind === 'duplicate' && refusedClusters.has(other.id)),
        ssnAgrees: assessment.evidence.levels.ssn === 'exact',
      });
    }

    const openCross = states.filter((p) => p.source === 'review' && p.kind === 'cross-agency' && p.status === 'open').length;
    const currentCross = states.filter((p) => p.source === 'link' && p.kind === 'cross-agency' && p.status === 'linked').length;
    const plan = planCrossAgency(scored, { openReviews: openCross, links: currentCross, lookAlikes }, settings);
    result.capped = plan.capped;
    result.lookAlikes = plan.lookAlikes;
    result.linksOverCap = plan.linksOverCap;
    for (const id of plan.links) {
      const { other, assessment } = pairOf(id);
      const link = await this.link(tx, record, other, assessment, 'auto', ctx);
      result.links.push(link.id);
      const change = await this.linker.afterPersonLink(tx, record.countyCode, link, ctx, 'auto');
      if (change) result.changes.push(change);
      await this.proposeForEarlierRemovals(tx, record.countyCode, link, correlationId);
    }
    for (const id of plan.reviews) {
      const { other, assessment } = pairOf(id);
      result.reviews.push((await this.openReview(tx, record, other, assessment, 'cross-agency')).id);
    }
    const best = bestDuplicateCandidate(scored);
    if (best) {
      const cluster = await this.identity.duplicateCluster(tx, [record.id], { openReviews: true, max: settings.maxDuplicateClusterSize });
      const open = duplicateToOpen(best, cluster);
      if (open) {
        const { other, assessment } = pairOf(open.id);
        result.duplicates.push(await this.warnDuplicate(tx, record, other, assessment, ctx));
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
  /**
   * A cross-agency link was just made (automatically or by a liaison): when one side is a CWS child whose removals
   * child welfare reported before the link, each removal gets its AU-member proposal now (the family's timeline kept
   * the removal), as it would have had the link come first.
   */
  async proposeForEarlierRemovals(tx: EntityManager, countyCode: string, link: PersonLinkEntity, correlationId: string): Promise<void> {
    if (link.kind !== 'cross-agency') return;
    const child = (await this.identity.byIds(tx, [link.aId, link.bId])).find((p) => p.refKind === 'cws-person');
    if (!child) return;
    const familyId = await this.families.familyOf(tx, countyCode, { kind: 'cws-family', id: child.familyRefId });
    if (!familyId) return;
    for (const { fact } of await this.families.timelineFacts(tx, familyId)) {
      if (fact.kind !== 'child-removed' || fact.childId !== child.refId) continue;
      await this.proposeRemovalMembers(tx, countyCode, {
        removalId: fact.removalId,
        childId: child.refId,
        removedAt: fact.removedAt,
        caseId: fact.caseId,
        cwsFamilyId: child.familyRefId,
        allChildrenRemoved: fact.allChildrenRemoved ?? false,
        knownToCalworks: fact.knownToCalworks,
        correlationId,
      });
    }
  }

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
        {
          familyId,
          removalId: removal.removalId,
          ...proposal,
          ...(removal.knownToCalworks
            ? {}
            : {
                removal: {
                  cwsFamilyId: removal.cwsFamilyId,
                  caseId: removal.caseId,
                  childId: removal.childId,
                  removedAt: removal.removedAt,
                  allChildrenRemoved: removal.allChildrenRemoved,
                },
              }),
          at: new Date().toISOString(),
        },
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
