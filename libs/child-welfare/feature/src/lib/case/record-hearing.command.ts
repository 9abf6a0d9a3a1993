import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  continuanceLimitRefusal,
  continuanceReason,
  DISPOSITION_SIX_MONTH_LIMIT,
  FM_REVIEW_PREFIX,
  hearingClock,
  hearingDecision,
  hearingPreconditionRefusal,
  isRefusal,
  noDeadlineToContinue,
} from '@linkages/child-welfare-domain';
import { CaseRepository, HearingEntity } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import { openClockDue } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refusalProblem, refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { CaseViews } from '../views/case.view';
import type { HearingInput } from './case.schemas';
import { HearingPlanRunner } from './hearing-plan.runner';

/**
 * A hearing held or continued. A continuance moves the hearing's deadline to the new date (with the basis as the
 * reason); a hearing held is checked against the timeline and carries out its plan (court-timeline.rules).
 */
@Injectable()
export class RecordHearing {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly runner: HearingPlanRunner,
    private readonly audit: CaseworkAudit,
    private readonly views: CaseViews,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: HearingInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      const by = ctx.principal.subject;
      refuse(hearingPreconditionRefusal(kase, input));
      const hearing = Object.assign(new HearingEntity(), {
        id: randomUUID(),
        caseId,
        type: input.type,
        heldOn: input.heldOn,
        outcome: input.outcome,
        continuedTo: input.continuedTo ?? null,
        recordedBy: by,
      });
      const currentFmReview =
        input.type === 'family-maintenance-review' ? await this.deadlines.latestOpen(tx, kase.id, FM_REVIEW_PREFIX) : undefined;

      if (input.continuedTo) {
        if (input.type === 'disposition')
          refuse(
            continuanceLimitRefusal(
              input.type,
              input.continuedTo,
              await openClockDue(this.deadlines, tx, kase.id, kase.countyCode, DISPOSITION_SIX_MONTH_LIMIT),
            ),
          );
        const clock = hearingClock(input.type, currentFmReview);
        if (!clock || !(await this.deadlines.move(tx, kase.id, clock, input.continuedTo, continuanceReason(input.continuanceBasis), by)))
          throw refusalProblem(noDeadlineToContinue(input.type));
        await this.cases.addHearing(tx, hearing);
        await this.audit.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, {
          hearing: input.type,
          continuedTo: input.continuedTo,
        });
        return this.views.of(tx, kase);
      }

      const detentionHearingOpen =
        input.type === 'jurisdiction' && kase.detained && !kase.jurisdictionOn
          ? await this.deadlines.isOpen(tx, kase.id, 'detention-hearing')
          : false;
      // WIC 352(b) counts the disposition's outer limits from the detention hearing: read for the jurisdiction finding.
      const detentionHearingOn =
        input.type === 'jurisdiction' && kase.detained ? await this.cases.detentionHearingOn(tx, kase.id) : undefined;
      const plan = hearingDecision(kase, input, { detentionHearingOpen, currentFmReview, detentionHearingOn });
      if (isRefusal(plan)) throw refusalProblem(plan);
      Object.assign(kase, plan.set);
      for (const step of plan.steps) await this.runner.run(tx, ctx, kase, step, input.heldOn);
      await this.cases.save(tx, kase);
      await this.cases.addHearing(tx, hearing);
      await this.audit.record(tx, ctx, 'update', 'case', kase.id, kase.countyCode, { hearing: input.type, outcome: input.outcome });
      return this.views.of(tx, kase);
    });
  }
}
