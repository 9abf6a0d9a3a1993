import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  dueAtDisposition,
  DUE_AT_DISPOSITION,
  earliestDue,
  isRefusal,
  reunificationOrder,
  type HearingStep,
  type SixMonthReviewLimit,
} from '@linkages/child-welfare-domain';
import { PERSON_SCOPE, RemovalRepository, type CwsCaseEntity } from '@linkages/child-welfare-data-access';
import { stableUuid } from '@linkages/platform-access';
import { PersonalData } from '@linkages/platform-crypto';
import { TrackedDeadlines } from '@linkages/platform-deadline-tracking';
import { OutboxWriter } from '@linkages/platform-messaging';
import { caseOpenedEvent, parentalRightsTerminatedEvent, reunificationServicesOrderedEvent } from '@linkages/shared-contracts';
import { caseSubject, openClock, openClockDue } from '../casework-clocks';
import type { Ctx } from '../casework.context';
import { refusalProblem } from '../casework.problems';
import { endOfFactDay } from '../fact-instant';
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

  /** `heldOn`: the hearing's date; a clock it meets is met at the end of that day (fact-instant.ts). */
  async run(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, step: HearingStep, heldOn: string): Promise<void> {
    const by = ctx.principal.subject;
    switch (step.do) {
      case 'satisfy':
        await this.deadlines.satisfy(tx, kase.id, step.purpose, by, endOfFactDay(heldOn));
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
            { caseId: kase.id, familyId: kase.familyId, childId: r.childId, removalId: r.id, terminatedOn: step.on },
            { countyCode: kase.countyCode, correlationId: ctx.correlationId },
          );
        }
        return;
      case 'due-at-disposition':
        for (const purpose of step.purposes) await this.dueAtDisposition(tx, kase, purpose, step.heldOn, by);
        return;
      case 'order-reunification':
        await this.orderReunification(tx, ctx, kase, step.orderedOn);
        return;
    }
  }

  /**
   * An open clock due "within N days or by disposition, whichever is first" (initial case plan, first CFT meeting) is
   * due at disposition when that comes before its computed date, under the clock's own rule (ICWA or not).
   */
  private async dueAtDisposition(tx: EntityManager, kase: CwsCaseEntity, purpose: string, heldOn: string, by: string): Promise<void> {
    const due = await openClockDue(this.deadlines, tx, kase.id, kase.countyCode, purpose);
    if (dueAtDisposition(heldOn, due)) await this.deadlines.move(tx, kase.id, purpose, heldOn, DUE_AT_DISPOSITION, by);
  }

  /** Family reunification: entered foster care, services months and the review clocks (reunification.rules). */
  private async orderReunification(tx: EntityManager, ctx: Ctx, kase: CwsCaseEntity, orderedOn: string): Promise<void> {
    const removed = (await this.removals.withBirthDates(tx, kase.id)).map((r) => ({
      removedAt: r.removedAt,
      siblingGroupPlacedTogether: r.siblingGroupPlacedTogether,
      dateOfBirth: this.personalData.reveal(PERSON_SCOPE, r.personId, { dobEncrypted: r.dobEncrypted, ssnEncrypted: null }).dateOfBirth,
    }));
    const order = reunificationOrder(kase.jurisdictionOn, orderedOn, removed);
    if (isRefusal(order)) throw refusalProblem(order);
    Object.assign(kase, order.set);
    const { enteredFosterCareOn: efc, servicesMonths } = order.set;
    for (const clock of order.clocks) await openClock(this.deadlines, tx, caseSubject(kase), clock);
    // WIC 366.21(e): the earlier of 6 months after disposition and 12 months after entering foster care is due.
    const dueOf = (l: SixMonthReviewLimit) => ({ ...l, dueDate: this.deadlines.due(l.ruleId, kase.countyCode, l.startAt).dueDate ?? efc });
    const sixMonth = earliestDue([dueOf(order.sixMonthReview[0]), dueOf(order.sixMonthReview[1])]);
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
        sixMonthReviewBy: sixMonth.dueDate,
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
