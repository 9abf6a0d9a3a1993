import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdentityRepository } from '@linkages/referrals-data-access';
import type { RequestContext } from '../request-context';
import { IdentityAudit } from './identity-audit';
import { matchReviewView, type MatchReviewView } from './identity.view';

/** The county's open match reviews (cross-agency and duplicates), oldest first, with their evidence levels. Audited. */
@Injectable()
export class ListMatchReviewsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityRepository,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(
    { principal, correlationId }: RequestContext,
    filter: { kind?: 'cross-agency' | 'duplicate' } = {},
  ): Promise<MatchReviewView[]> {
    const tx = this.dataSource.manager;
    const reviews = await this.identity.openReviews(tx, principal.county, filter);
    const records = await this.identity.byIds(tx, [...new Set(reviews.flatMap((r) => [r.aId, r.bId]))]);
    await this.audit.read(principal, correlationId, 'match-review', null, { results: reviews.length, reviewIds: reviews.map((r) => r.id) });
    return reviews.map((r) => matchReviewView(r, records));
  }
}
