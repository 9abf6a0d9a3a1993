import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  dueAtDisposition,
  DUE_AT_DISPOSITION,
  INITIAL_CASE_PLAN,
  INITIAL_CASE_PLAN_RULE,
  isRefusal,
  reunificationOrder,
  type HearingStep,
} from '@linkages/child-welfare-domain';
import { PERSON_SCOPE, RemovalRepository, type CwsCaseEntity } from '@linkages/child-welfare-data-access';
import { stableUuid } from '@linkages/platform-access';
import { PersonalData } from '@linkages/platform-crypto';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { caseOpenedEvent, parentalRightsTerminatedEvent, reunificationServicesOrderedEvent } from '@linkages/shared-contracts';
import { caseSubject, openClock } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refusalProblem } from '../casework.problems';
import { shareEvent } from '../share-event';
import { CaseLifecycle } from './case-lifecycle';

/** Carries out the steps of a hearing's plan (court-timeline.rules `hearingDecision`) on the case, in order. */
@Injectable()
export class HearingPlanRunner {
  constructor(
    private readonly deadlines: TrackedDeadlines,
    private readonly lifecycle: CaseLifecycle,
    private readonly removals: RemovalRepository,
    private readonly personalData: PersonalData,
    private readonly outbox: OutboxWriter,
  ) {}

  async run(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, step: HearingStep): Promise<void> {
    const by = ctx.principal.subject;
    switch (step.do) {
      case 'satisfy':
        await this.deadlines.satisfy(tx, kase.id, step.purpose, by);
        return;
      case 'open':
        await openClock(this.deadlines, tx, caseSubject(kase), step.clock);
        return;
      case 'open-next-fm-review':
        await this.lifecycle.openNextFmReview(tx, kase, step.from);
        return;
      case 'cancel-all':
        await this.deadlines.cancelAll(tx, kase.id, step.reasonCode, by, (p) => step.only.test(p));
        return;
      case 'terminate-services':
        await this.lifecycle.terminateServices(tx, ctx, kase, step.on, step.basis);
        return;
      case 'close':
        await this.lifecycle.close(tx, ctx, kase, step.on, step.reason);
        return;
      case 'terminate-parental-rights':
        for (const r of await this.removals.current(tx, kase.id)) {
          await this.removals.markParentalRightsTerminated(tx, r.id, step.on);
          await shareEvent(
            this.outbox,
            tx,
            parentalRightsTerminatedEvent,
            { caseId: kase.id, familyId: kase.familyId, childId: r.childId, terminatedOn: step.on },
            { countyCode: kase.countyCode, correlationId: ctx.correlationId },
          );
        }
        return;
      case 'initial-case-plan-due-at-disposition':
        await this.initialCasePlanDueAtDisposition(tx, kase, step.heldOn, by);
        return;
      case 'order-reunification':
        await this.orderReunification(tx, ctx, kase, step.orderedOn);
        return;
    }
  }

  /** The initial case plan is due at disposition if that comes before its 60 days (WIC 16501.1). */
  private async initialCasePlanDueAtDisposition(tx: EntityManager, kase: CwsCaseEntity, heldOn: string, by: string): Promise<void> {
    if (!(await this.deadlines.isOpen(tx, kase.id, INITIAL_CASE_PLAN))) return;
    const startAt = await this.deadlines.startOf(tx, kase.id, INITIAL_CASE_PLAN);
    const due = startAt ? this.deadlines.due(INITIAL_CASE_PLAN_RULE, kase.countyCode, startAt.toISOString()).dueDate : null;
    if (dueAtDisposition(heldOn, due)) await this.deadlines.move(tx, kase.id, INITIAL_CASE_PLAN, heldOn, DUE_AT_DISPOSITION, by);
  }

  /** Family reunification: entered foster care, services months and the review clocks (reunification.rules). */
  private async orderReunification(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, orderedOn: string): Promise<void> {
    const removed = (await this.removals.withBirthDates(tx, kase.id)).map((r) => ({
      removedAt: r.removedAt,
      siblingGroupPlacedTogether: r.siblingGroupPlacedTogether,
      dateOfBirth: this.personalData.reveal(PERSON_SCOPE, r.personId, { dobEncrypted: r.dobEncrypted, ssnEncrypted: null }).dateOfBirth,
    }));
    const order = reunificationOrder(kase.jurisdictionOn, removed);
    if (isRefusal(order)) throw refusalProblem(order);
    Object.assign(kase, order.set);
    for (const clock of order.clocks) await openClock(this.deadlines, tx, caseSubject(kase), clock);
    const { enteredFosterCareOn: efc, servicesMonths } = order.set;
    const sixMonth = this.deadlines.due(order.sixMonthReview.ruleId, kase.countyCode, order.sixMonthReview.startAt);
    const meta = { countyCode: kase.countyCode, correlationId: ctx.correlationId };
    await shareEvent(
      this.outbox,
      tx,
      reunificationServicesOrderedEvent,
      {
        caseId: kase.id,
        familyId: kase.familyId,
        orderedOn,
        enteredFosterCareOn: efc,
        servicesMonths,
        sixMonthReviewBy: sixMonth.dueDate ?? efc,
      },
      meta,
    );
    await shareEvent(
      this.outbox,
      tx,
      caseOpenedEvent,
      { caseId: kase.id, familyId: kase.familyId, caseType: 'family-reunification', openedOn: orderedOn },
      { ...meta, id: stableUuid(kase.id, 'case-opened', 'family-reunification') },
    );
  }
}
