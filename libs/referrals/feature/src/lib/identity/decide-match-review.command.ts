import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_LOG, type AuditLog } from '@linkages/platform-audit';
import { auditActor } from '@linkages/platform-auth';
import { refusedWrite } from '@linkages/platform-http';
import { FamilyResolver, IdentityRepository, type MatchReviewEntity } from '@linkages/referrals-data-access';
import { matchSettingsFor } from '@linkages/referrals-domain';
import type { RequestContext } from '../request-context';
import { FamilyLinker, type IdentityContext } from './family-linker';
import { IdentityAudit } from './identity-audit';
import { matchReviewDecided } from './identity.problems';
import type { DecideMatchReview } from './identity.schemas';
import { matchReviewView, type MatchReviewView } from './identity.view';
import { MatchPipeline } from './match-pipeline';

/**
 * A liaison decides a match review: `link` records the person link (decided by the liaison, with the model's
 * evidence) and joins the shared families when the family-link rules then hold (a duplicate inside one agency is
 * linked as a duplicate, never merged); `reject` records that they are not one person (the model does not ask again).
 * A duplicate decision covers its cluster (see coverCluster). Decided once (409 after); audited; reversible by unlink.
 */
@Injectable()
export class DecideMatchReviewCommand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityRepository,
    private readonly families: FamilyResolver,
    private readonly linker: FamilyLinker,
    private readonly pipeline: MatchPipeline,
    private readonly identityAudit: IdentityAudit,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute({ principal, correlationId }: RequestContext, reviewId: string, input: DecideMatchReview): Promise<MatchReviewView> {
    const found = await this.identity.reviewInCounty(this.dataSource.manager, principal.county, reviewId);
    if (!found) return this.identityAudit.absent(principal, correlationId, 'match-review', reviewId, 'decide match review');
    const ctx: IdentityContext = { correlationId, actor: auditActor(principal) };
    return this.dataSource.transaction(async (tx) => {
      const review = await this.identity.reviewInCounty(tx, principal.county, reviewId, { lock: true });
      if (!review || review.status !== 'open')
        throw refusedWrite(matchReviewDecided, `This match review is already ${review?.status ?? 'gone'}`);
      const records = await this.identity.byIds(tx, [review.aId, review.bId]);
      const a = records.find((r) => r.id === review.aId);
      const b = records.find((r) => r.id === review.bId);
      if (!a || !b) throw new Error('A reviewed person record is missing');
      let linkId: string | null = null;
      if (input.decision === 'link') {
        const link = await this.pipeline.link(tx, a, b, { evidence: review.evidence }, principal.subject, ctx);
        linkId = link.id;
        if (link.kind === 'cross-agency') {
          await this.linker.afterPersonLink(tx, review.countyCode, link, ctx, 'liaison');
          await this.pipeline.proposeForEarlierRemovals(tx, review.countyCode, link, correlationId);
        }
      }
      Object.assign(review, {
        status: input.decision === 'link' ? ('linked' as const) : ('rejected' as const),
        decidedBy: principal.subject,
        decidedAt: new Date(),
        reason: input.reason,
      });
      await this.identity.saveReview(tx, review);
      const covered = review.kind === 'duplicate' ? await this.coverCluster(tx, review, input, principal.subject) : [];
      await this.audit.append(
        {
          ...auditActor(principal),
          action: 'update',
          recordType: 'match-review',
          recordId: review.id,
          recordCounty: review.countyCode,
          purpose: 'linkages matching',
          outcome: 'allowed',
          reason: input.reason,
          correlationId,
          details: {
            decision: input.decision,
            linkId,
            kind: review.kind,
            ...(covered.length ? { coveredReviewIds: covered } : {}),
            ...(input.note ? { note: input.note } : {}),
          },
        },
        tx,
      );
      const familyId = (await this.families.familyOf(tx, review.countyCode, { kind: a.familyRefKind, id: a.familyRefId })) ?? null;
      return matchReviewView(review, records, { linkId, familyId });
    });
  }

  /**
   * A decision on a duplicate covers the cluster. `link`: the two records' confirmed clusters (duplicate links) are now
   * one, so every other open duplicate review inside it asks what is already known and is superseded. `reject`: "not the
   * same person" holds between everyone confirmed as one with either record, so the open duplicate reviews between the
   * two confirmed clusters are rejected with it, and the pipeline does not ask again about any member (it reads a
   * rejection as covering the other record's confirmed cluster). Open reviews that only suspect a member stay open:
   * a suspicion is not a confirmation. The covered reviews carry the liaison as decider and the same reason.
   */
  private async coverCluster(tx: EntityManager, review: MatchReviewEntity, input: DecideMatchReview, decidedBy: string): Promise<string[]> {
    const max = matchSettingsFor(review.countyCode).maxDuplicateClusterSize;
    const left = [...(await this.identity.duplicateCluster(tx, [review.aId], { openReviews: false, max }))];
    const right =
      input.decision === 'link' ? left : [...(await this.identity.duplicateCluster(tx, [review.bId], { openReviews: false, max }))];
    return this.identity.closeCoveredReviews(
      tx,
      review.countyCode,
      { decidedReviewId: review.id, left, right, status: input.decision === 'link' ? 'superseded' : 'rejected' },
      { decidedBy, reason: input.reason },
    );
  }
}
