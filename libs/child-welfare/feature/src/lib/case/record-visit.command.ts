import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { monthAfterVisit, visitPurpose, visitRefusal } from '@linkages/child-welfare-domain';
import { VisitEntity, VisitRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { CaseworkAudit } from '../casework-audit';
import { caseSubject } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refuse } from '../casework.problems';
import { CaseworkRecords } from '../casework-records';
import { endOfFactDay } from '../fact-instant';
import type { VisitInput } from './case.schemas';
import { MonthlyVisitClocks } from './monthly-visit.clocks';

/** A caseworker visit with a child: the month's clock is met, and next month's starts on the 1st. */
@Injectable()
export class RecordVisit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CaseworkRecords,
    private readonly visits: VisitRepository,
    private readonly visitClocks: MonthlyVisitClocks,
    private readonly deadlines: TrackedDeadlines,
    private readonly audit: CaseworkAudit,
  ) {}

  async execute(ctx: Ctx, caseId: string, input: VisitInput) {
    return this.dataSource.transaction(async (tx) => {
      const kase = await this.records.case(tx, ctx, caseId, { lock: true });
      await this.records.childOf(tx, kase.familyId, input.childId);
      refuse(visitRefusal(kase, input.visitedOn));
      const visit = Object.assign(new VisitEntity(), { id: randomUUID(), caseId, childId: input.childId, visitedOn: input.visitedOn });
      await this.visits.add(tx, visit);
      await this.deadlines.satisfy(
        tx,
        kase.id,
        visitPurpose(input.childId, input.visitedOn),
        ctx.principal.subject,
        endOfFactDay(input.visitedOn),
      );
      await this.visitClocks.open(tx, caseSubject(kase), input.childId, monthAfterVisit(input.visitedOn));
      await this.audit.record(tx, ctx, 'create', 'visit', visit.id, kase.countyCode, { caseId });
      return { id: visit.id, caseId, childId: visit.childId, visitedOn: visit.visitedOn };
    });
  }
}
