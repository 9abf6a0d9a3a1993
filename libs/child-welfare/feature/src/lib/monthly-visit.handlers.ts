import { MONTHLY_VISIT_RULE, monthAfter, visitClockOf } from '@linkages/child-welfare-domain';
import { CaseRepository, VisitRepository } from '@linkages/child-welfare-data-access';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { deadlineDueEvent } from '@linkages/shared-contracts';
import { MonthlyVisitClocks } from './case/monthly-visit.clocks';

/**
 * The worker's event handlers. A month ends without a visit: its clock is due (and escalates as missed), and the
 * next month's clock starts, so one missed month never stops the count. Redelivery opens nothing twice.
 */
export function childWelfareEventHandlers(visitClocks: MonthlyVisitClocks, cases: CaseRepository): HandlerRegistration[] {
  return [
    on(deadlineDueEvent, async (event, tx) => {
      const due = event.data;
      if (due.ownerService !== 'child-welfare' || due.ruleId !== MONTHLY_VISIT_RULE) return;
      const clock = visitClockOf(due.subjectRef);
      if (!clock) return;
      const kase = await cases.byId(tx, clock.caseId);
      if (!kase || kase.status !== 'open') return;
      await visitClocks.open(
        tx,
        { type: 'case', id: kase.id, familyId: kase.familyId, countyCode: kase.countyCode },
        clock.childId,
        monthAfter(clock.month),
      );
    }),
  ];
}

/** The token of child welfare's event handlers in the worker (one of the worker's handler providers). */
export const CHILD_WELFARE_EVENT_HANDLERS = Symbol('CHILD_WELFARE_EVENT_HANDLERS');

/** Child welfare's event handlers, for `PlatformModule.forWorker(service, { eventHandlers: [...] })`. */
export const childWelfareEventHandlersProvider: EventHandlersProvider = {
  provide: CHILD_WELFARE_EVENT_HANDLERS,
  inject: [MonthlyVisitClocks, CaseRepository],
  useFactory: childWelfareEventHandlers,
};

/** What the worker's handlers inject, for `PlatformModule.forWorker(service, { providers: [...] })`. */
export const childWelfareWorkerProviders = [VisitRepository, CaseRepository, MonthlyVisitClocks];
