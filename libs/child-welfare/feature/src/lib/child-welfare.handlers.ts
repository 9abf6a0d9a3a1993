import { DateTime } from 'luxon';
import { on, type HandlerRegistration } from '@linkages/platform-messaging';
import { DeadlineClient, DeadlineCommands, EVENT_HANDLERS } from '@linkages/platform-service';
import { deadlineDueEvent } from '@linkages/shared-contracts';
import { Clocks } from './clocks';
import { CwsCaseEntity } from './cws.entities';
import { MONTHLY_VISIT_RULE, openMonthlyVisit } from './child-welfare.service';

const visitRef = /^case\/([0-9a-f-]{36})\/visit-([0-9a-f-]{36})-(\d{4}-\d{2})$/;

/**
 * The worker's event handlers. A month ends without a visit: its clock is due (and escalates as missed), and the
 * next month's clock starts, so one missed month never stops the count. Redelivery opens nothing twice.
 */
export function childWelfareEventHandlers(clocks: Clocks): HandlerRegistration[] {
  return [
    on(deadlineDueEvent, async (event, tx) => {
      const due = event.data;
      if (due.ownerService !== 'child-welfare' || due.ruleId !== MONTHLY_VISIT_RULE) return;
      const [, caseId, childId, month] = visitRef.exec(due.subjectRef) ?? [];
      if (!caseId || !childId || !month) return;
      const kase = await tx.getRepository(CwsCaseEntity).findOne({ where: { id: caseId } });
      if (!kase || kase.status !== 'open') return;
      const next = DateTime.fromISO(`${month}-01`, { zone: 'America/Los_Angeles' }).plus({ months: 1 }).toISO() ?? '';
      await openMonthlyVisit(clocks, tx, { type: 'case', id: kase.id, familyId: kase.familyId, countyCode: kase.countyCode }, childId, next);
    }),
  ];
}

export const childWelfareEventHandlersProvider = {
  provide: EVENT_HANDLERS,
  inject: [DeadlineCommands, DeadlineClient],
  useFactory: (commands: DeadlineCommands, deadlines: DeadlineClient) => childWelfareEventHandlers(new Clocks(commands, deadlines)),
};
