import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { initialCasePlanWithoutRemoval, openCaseRefusal, startOfDay } from '@linkages/child-welfare-domain';
import { FamilyRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { CaseViews } from '../views/case.view';
import { CaseLifecycle } from './case-lifecycle';
import type { OpenCaseInput } from './case.schemas';
import { MonthlyVisitClocks } from './monthly-visit.clocks';

/** A case without a removal: Family Maintenance (voluntary or court) or after-care. */
@Injectable()
export class OpenCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly families: FamilyRepository,
    private readonly lifecycle: CaseLifecycle,
    private readonly visits: MonthlyVisitClocks,
    private readonly deadlines: TrackedDeadlines,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, referralId: string, input: OpenCaseInput) {
    return this.dataSource.transaction(async (tx) => {
      const referral = await this.records.referral(tx, ctx, referralId, { lock: true });
      refuse(openCaseRefusal(referral));
      const firstContactAt = referral.firstContactAt as Date;
      const kase = await this.lifecycle.open(tx, ctx, {
        familyId: referral.familyId,
        referralId: referral.id,
        countyCode: referral.countyCode,
        type: input.type,
        openedOn: input.openedOn,
        detained: false,
      });
      await openClock(this.deadlines, tx, caseSubject(kase), initialCasePlanWithoutRemoval(firstContactAt));
      for (const child of await this.families.children(tx, kase.familyId))
        await this.visits.open(tx, caseSubject(kase), child.id, startOfDay(input.openedOn));
      return this.views.of(tx, kase);
    });
  }
}
