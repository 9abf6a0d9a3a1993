import {
  deadlineCancelledEvent,
  deadlineDueEvent,
  deadlineExtendedEvent,
  deadlineMovedEarlierEvent,
  deadlineOverdueEvent,
  deadlineSatisfiedEvent,
  deadlineWarningEvent,
  type CloudEvent,
} from '@linkages/shared-contracts';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { DeadlineQueueRepository, OrganisationRepository } from '@linkages/notifications-data-access';
import { legallyUrgentHint, type EscalationSubject } from '@linkages/notifications-domain';
import { DeadlineQueueRecorder } from '../queue/deadline-queue.recorder';
import { deadlineSubjectOf, type DeadlineEventData } from './deadline-subject';
import { EscalationProcesses } from './escalation-processes';

export const DEADLINE_EVENT_HANDLERS = Symbol('NOTIFICATIONS_DEADLINE_EVENT_HANDLERS');

/** What every notice and escalation of a deadline event knows of it: ids, codes, instants, the explanation. */
export function subjectOf(event: CloudEvent<DeadlineEventData>, overdueSince: string): EscalationSubject {
  return deadlineSubjectOf(event, EscalationProcesses.escalationIdOf(event.data.deadlineId, overdueSince), overdueSince);
}

/**
 * The deadline events into notices and ladders (DESIGN 2: the clock publishes its stages, notifications escalates):
 * - a warning: a reminder to the role the rule names (the assignee unless it says otherwise), no ladder;
 * - an overdue that hands its ladder to notifications (`escalation.ownedBy`): the escalation process starts with the
 *   rule's ladder and policy frozen in; an overdue of a clock started before issue 14 (its own ladder, a level per
 *   event) is delivered as one notice of that level and nothing more, so one ladder runs per deadline, never two;
 * - satisfied, cancelled, extended, moved earlier: told to the running escalation, which decides whether it stops.
 * Every one of them (and due) is first recorded in the supervisor's deadline queue, in the inbox entry's transaction.
 */
export function deadlineEventHandlers(processes: EscalationProcesses, queue: DeadlineQueueRecorder): HandlerRegistration[] {
  return [
    on(deadlineWarningEvent, async (event, tx) => {
      await queue.record(tx, event, {
        kind: 'warning',
        detail: { stage: event.data.stage, remaining: event.data.remaining },
        legallyUrgent: legallyUrgentHint(event.data),
      });
      await processes.notice({
        subject: subjectOf(event, event.data.dueAt),
        kind: 'reminder',
        role: event.data.notify ?? 'assigned-worker',
        level: 0,
        round: event.data.stage,
        legallyUrgent: false,
      });
    }),
    on(deadlineDueEvent, async (event, tx) => {
      await queue.record(tx, event, { kind: 'due', detail: {} });
    }),
    on(deadlineOverdueEvent, async (event, tx) => {
      await queue.record(tx, event, {
        kind: 'overdue',
        detail: { overdueSince: event.data.overdueSince, escalationLevel: event.data.escalationLevel },
        legallyUrgent: legallyUrgentHint(event.data),
      });
      const subject = subjectOf(event, event.data.overdueSince);
      const escalation = event.data.escalation;
      if (escalation?.ownedBy === 'notifications') {
        await processes.start(subject, { ladder: escalation.ladder, policy: escalation.policy });
        return;
      }
      if (event.data.escalationLevel < 1) return;
      await processes.notice({
        subject,
        kind: 'escalation',
        role: legacyRoles[event.data.escalationLevel - 1] ?? 'manager',
        level: event.data.escalationLevel,
        round: 0,
        legallyUrgent: false,
      });
    }),
    on(deadlineSatisfiedEvent, async (event, tx) => {
      await queue.record(tx, event, { kind: 'satisfied', detail: { satisfiedAt: event.data.satisfiedAt, late: event.data.late } });
      await processes.deadlineChanged(event.data.deadlineId, { kind: 'satisfied', at: event.time });
    }),
    on(deadlineCancelledEvent, async (event, tx) => {
      await queue.record(tx, event, { kind: 'cancelled', detail: { reasonCode: event.data.reasonCode } });
      await processes.deadlineChanged(event.data.deadlineId, { kind: 'cancelled', at: event.time });
    }),
    on(deadlineExtendedEvent, async (event, tx) => {
      const kind = event.data.direction === 'earlier' ? 'moved-earlier' : 'extended';
      await queue.record(tx, event, {
        kind,
        detail: { from: event.data.previousDueAt, to: event.data.dueAt, reasonCode: event.data.reasonCode },
      });
      await processes.deadlineChanged(event.data.deadlineId, { kind, dueAt: event.data.dueAt, at: event.time });
    }),
    on(deadlineMovedEarlierEvent, async (event, tx) => {
      await queue.record(tx, event, {
        kind: 'moved-earlier',
        detail: { from: event.data.previousDueAt, to: event.data.dueAt, reasonCode: event.data.reasonCode },
      });
      await processes.deadlineChanged(event.data.deadlineId, { kind: 'moved-earlier', dueAt: event.data.dueAt, at: event.time });
    }),
  ];
}

/** The roles of the ladders clocks ran before issue 14 (hoursLadder / daysLadder: worker, supervisor, manager). */
const legacyRoles = ['assigned-worker', 'supervisor', 'manager'];

export const deadlineEventHandlersProvider: EventHandlersProvider = {
  provide: DEADLINE_EVENT_HANDLERS,
  inject: [EscalationProcesses, OrganisationRepository],
  useFactory: (processes: EscalationProcesses, organisation: OrganisationRepository) =>
    deadlineEventHandlers(processes, new DeadlineQueueRecorder(new DeadlineQueueRepository(), organisation)),
};
