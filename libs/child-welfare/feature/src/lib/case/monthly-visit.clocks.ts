import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MONTHLY_VISIT_RULE, monthOf, visitPurpose } from '@linkages/child-welfare-domain';
import { VisitRepository } from '@linkages/child-welfare-data-access';
import { TrackedDeadlines, type ClockSubject } from '@linkages/platform-deadline-tracking';
import { endOfFactDay } from '../fact-instant';

/** The monthly caseworker visit clocks of a case: one per child per calendar month. */
@Injectable()
export class MonthlyVisitClocks {
  constructor(
    private readonly deadlines: TrackedDeadlines,
    private readonly visits: VisitRepository,
  ) {}

  /**
   * Opens the monthly-visit clock of the month `from` falls in (idempotent per child and month); a visit already
   * recorded in that month meets it at once (the clock can open after the visit when months are caught up late).
   */
  async open(tx: EntityManager, subject: ClockSubject, childId: string, from: string): Promise<void> {
    const purpose = visitPurpose(childId, from);
    if (!(await this.deadlines.open(tx, subject, purpose, MONTHLY_VISIT_RULE, from))) return;
    const month = monthOf(from);
    // Met by the visit's own day (the end of that California day), not by the moment the clock caught up.
    const visitedOn = await this.visits.firstBetween(tx, subject.id, childId, month.first, month.last);
    if (visitedOn) await this.deadlines.satisfy(tx, subject.id, purpose, 'system:visit-recorded-earlier', endOfFactDay(visitedOn));
  }
}
