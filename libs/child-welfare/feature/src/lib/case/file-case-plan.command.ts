import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CASE_PLAN_UPDATE_RULE,
  casePlanAmendmentRefusal,
  casePlanFiling,
  casePlanRefusal,
  casePlanUpdatePurpose,
  type CasePlanKind,
} from '@linkages/child-welfare-domain';
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

/**
 * A case plan filed (initial or update): meets the plan that was due; the next update is due in 6 months. An
 * amendment changes the plan in effect (e.g. to add the AB 135 cash-aid recommendation) and moves no clock. The
 * event says what the plan recommends for CalWORKs (AB 135 cash aid and child care, AB 429 services).
 */
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
      const previous = await this.cases.countCasePlans(tx, caseId);
      const recommendations = {
        recommendsCashAid: input.recommendsCashAid ?? null,
        recommendsAb429Services: input.recommendsAb429Services ?? null,
      };
      let kind: CasePlanKind;
      let nextUpdateDue: string | null;
      if (input.amendment) {
        // The plan in effect changes (RULES.md 4: adding the AB 135 recommendation); its update stays due as it was.
        refuse(casePlanAmendmentRefusal(previous));
        kind = 'amendment';
        const openUpdate = casePlanUpdatePurpose(previous);
        const startAt = await this.deadlines.startOf(tx, kase.id, openUpdate);
        nextUpdateDue = startAt ? this.deadlines.due(CASE_PLAN_UPDATE_RULE, kase.countyCode, startAt.toISOString()).dueDate : null;
      } else {
        const filing = casePlanFiling(previous, input.filedOn);
        kind = filing.kind;
        await this.deadlines.satisfy(tx, kase.id, filing.satisfies, ctx.principal.subject, endOfFactDay(input.filedOn));
        await openClock(this.deadlines, tx, caseSubject(kase), filing.opens);
        nextUpdateDue = this.deadlines.due(CASE_PLAN_UPDATE_RULE, kase.countyCode, filing.opens.startAt).dueDate;
      }
      const plan = Object.assign(new CasePlanEntity(), { id: randomUUID(), caseId, kind, filedOn: input.filedOn, ...recommendations });
      await this.cases.addCasePlan(tx, plan);
      await shareEvent(
        this.outbox,
        tx,
        casePlanFiledEvent,
        {
          casePlanId: plan.id,
          caseId,
          familyId: kase.familyId,
          kind,
          filedOn: input.filedOn,
          nextUpdateDue: nextUpdateDue ?? input.filedOn,
          ...(input.recommendsCashAid !== undefined ? { recommendsCashAid: input.recommendsCashAid } : {}),
          ...(input.recommendsAb429Services !== undefined ? { recommendsAb429Services: input.recommendsAb429Services } : {}),
        },
        { countyCode: kase.countyCode, correlationId: ctx.correlationId },
      );
      await this.audit.record(tx, ctx, 'create', 'case-plan', plan.id, kase.countyCode, { caseId, kind, ...recommendations });
      return { id: plan.id, caseId, kind, filedOn: plan.filedOn, nextUpdateDue, ...recommendations };
    });
  }
}
