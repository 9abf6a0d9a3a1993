import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CASE_PLAN_UPDATE_RULE, casePlanFiling, casePlanRefusal } from '@linkages/child-welfare-domain';
import { CasePlanEntity, CaseRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { casePlanFiledEvent } from '@linkages/shared-contracts';
import { CaseworkAudit } from '../casework-audit';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { endOfFactDay } from '../fact-instant';
import { shareEvent } from '../share-event';
import type { CasePlanInput } from './case.schemas';

/** A case plan filed (initial or update): meets the plan that was due; the next update is due in 6 months. */
@Injectable()
export class FileCasePlan {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly cases: CaseRepository,
    private readonly deadlines: TrackedDeadlines,
    private readonly outbox: OutboxWriter,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: CasePlanInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      refuse(casePlanRefusal(kase, input.filedOn));
      const filing = casePlanFiling(await this.cases.countCasePlans(tx, caseId), input.filedOn);
      const plan = Object.assign(new CasePlanEntity(), { id: randomUUID(), caseId, kind: filing.kind, filedOn: input.filedOn });
      await this.cases.addCasePlan(tx, plan);
      await this.deadlines.satisfy(tx, kase.id, filing.satisfies, ctx.principal.subject, endOfFactDay(input.filedOn));
      await openClock(this.deadlines, tx, caseSubject(kase), filing.opens);
      const next = this.deadlines.due(CASE_PLAN_UPDATE_RULE, kase.countyCode, filing.opens.startAt);
      await shareEvent(
        this.outbox,
        tx,
        casePlanFiledEvent,
        {
          casePlanId: plan.id,
          caseId,
          familyId: kase.familyId,
          kind: plan.kind,
          filedOn: input.filedOn,
          nextUpdateDue: next.dueDate ?? input.filedOn,
        },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'case-plan', plan.id, kase.countyCode, { caseId, kind: plan.kind });
      return { id: plan.id, caseId, kind: plan.kind, filedOn: plan.filedOn, nextUpdateDue: next.dueDate };
    });
  }
}
