import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdentityRepository } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';
import { IdentityAudit } from './identity-audit';
import { reviewCursor, type MatchReviewListQuery } from './identity.schemas';
import { matchReviewView, type MatchReviewView } from './identity.view';

export interface MatchReviewPage {
  reviews: MatchReviewView[];
  nextCursor: string | null;
}

/**
 * One page of the county's match reviews (cross-agency and duplicates; open by default), oldest first, with their
 * evidence levels, and the cursor of the next page (keyset paging on opened at and id: a page never repeats or skips
 * a review, however the queue grows meanwhile). Audited.
 */
@Injectable()
export class ListMatchReviewsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityRepository,
    private readonly audit: IdentityAudit,
  ) {}

  async execute({ principal, correlationId }: RequestContext, query: Partial<MatchReviewListQuery> = {}): Promise<MatchReviewPage> {
    const tx = this.dataSource.manager;
    const limit = query.limit ?? 50;
    const rows = await this.identity.reviewPage(tx, principal.county, {
      status: query.status ?? 'open',
      kind: query.kind,
      limit,
      after: query.after,
    });
    const page = rows.slice(0, limit);
    const reviews = page.map((r) => r.review);
    const records = await this.identity.byIds(tx, [...new Set(reviews.flatMap((r) => [r.aId, r.bId]))]);
    await this.audit.read(principal, correlationId, 'match-review', null, { results: reviews.length, reviewIds: reviews.map((r) => r.id) });
    const last = page[page.length - 1];
    return {
      reviews: reviews.map((r) => matchReviewView(r, records)),
      nextCursor: rows.length > limit && last ? reviewCursor.encode(last.position) : null,
    };
  }
}
