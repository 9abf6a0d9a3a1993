import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FR_REVIEW_PURPOSE } from '@linkages/calworks-domain';
import { FrWindowRepository } from '@linkages/calworks-data-access';
import { matchAuUpdate } from '@linkages/calworks-workflows';
import { staffIdOf } from '@linkages/platform-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { HouseholdAudit } from '../household/household-audit';
import type { HouseholdCtx } from '../household/household.context';
import { householdImpossible } from '../household/household.problems';
import { HouseholdRecords } from '../household/household-records';
import { FrProcesses } from './fr-processes';
import type { MatchCaseNumberInput } from './fr-window.schemas';

/** The eligibility worker matches a case number of the review list to the county's AU: the removal's process goes on. */
@Injectable()
export class MatchCaseNumber {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly frWindows: FrWindowRepository,
    private readonly records: HouseholdRecords,
    private readonly clocks: TrackedDeadlines,
    private readonly processes: FrProcesses,
    private readonly audit: HouseholdAudit,
  ) {}

  async execute(ctx: HouseholdCtx, reviewId: string, input: MatchCaseNumberInput) {
    const review = await this.dataSource.transaction(async (tx) => {
      const review =
        (await this.frWindows.reviewInCounty(tx, ctx.principal.county, reviewId, { lock: true })) ??
        (await this.audit.deny(ctx, 'fr-review', reviewId));
      if (review.status !== 'open') throw householdImpossible('This case number is already matched');
      const au = await this.records.assistanceUnit(tx, ctx, input.auId);
      Object.assign(review, { status: 'matched', matchedAuId: au.id, matchedBy: ctx.principal.subject, matchedAt: new Date() });
      await this.frWindows.saveReview(tx, review);
      const removal = await this.frWindows.removal(tx, review.removalId, { lock: true });
      if (removal && !removal.auId) await this.frWindows.saveRemoval(tx, Object.assign(removal, { auId: au.id }));
      await this.clocks.satisfy(tx, review.id, FR_REVIEW_PURPOSE, ctx.principal.subject);
      await this.audit.record(tx, ctx, 'update', 'fr-review', review.id, review.countyCode, { auId: au.id });
      return review;
    });
    await this.processes.update(review.removalId, matchAuUpdate, { auId: input.auId, by: staffIdOf(ctx.principal.subject) });
    return this.processes.reread(ctx, review.removalId);
  }
}
