import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FrWindowRepository } from '@linkages/calworks-data-access';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { frReviewView } from './fr-window.view';

/** The county's review list: child welfare events naming a CalWORKs case number the county does not hold. */
@Injectable()
export class FrReviewListQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly frWindows: FrWindowRepository,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx) {
    const reviews = await this.frWindows.openReviews(this.dataSource.manager, ctx.principal.county);
    await this.audit.read(ctx, 'fr-review-list', ctx.principal.county, ctx.principal.county, 'view FR review list');
    return reviews.map(frReviewView);
  }
}
