import type { DataSource } from 'typeorm';
import {
  deadlineCancelledEvent,
  deadlineDueEvent,
  deadlineExtendedEvent,
  deadlineMovedEarlierEvent,
  deadlineOverdueEvent,
  deadlineSatisfiedEvent,
  deadlineWarningEvent,
} from '@linkages/shared-contracts';
import type { DeadlineActivities, DeadlineEventInput } from '@linkages/platform-deadlines';
import type { OutboxWriter } from '@linkages/platform-messaging';

export interface DeadlineActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
}

/**
 * Deadline activities for a service's worker: a stage change becomes a deadline event in the service's outbox.
 * The event id comes from the workflow, and the outbox ignores an id it already holds, so a retried activity (a
 * worker killed mid-call) publishes the event once.
 */
export function createDeadlineActivities({ dataSource, outbox }: DeadlineActivityDeps): DeadlineActivities {
  return {
    async emitDeadlineEvent(input: DeadlineEventInput): Promise<void> {
      const base = {
        deadlineId: input.deadlineId,
        familyId: input.familyId,
        ruleId: input.ruleId,
        citation: input.citation,
        subjectRef: input.subjectRef,
        ownerService: input.ownerService,
        dueAt: input.dueAt,
        ...(input.explanation ? { explanation: input.explanation } : {}),
      };
      const ctx = { countyCode: input.countyCode, correlationId: input.correlationId, id: input.eventId };
      await dataSource.transaction(async (tx) => {
        switch (input.kind) {
          case 'warning':
            await outbox.enqueue(
              tx,
              deadlineWarningEvent,
              { ...base, stage: input.stage ?? 1, remaining: input.remaining ?? 'PT0S', ...(input.notify ? { notify: input.notify } : {}) },
              ctx,
            );
            break;
          case 'due':
            await outbox.enqueue(tx, deadlineDueEvent, base, ctx);
            break;
          case 'overdue':
            await outbox.enqueue(
              tx,
              deadlineOverdueEvent,
              {
                ...base,
                overdueSince: input.overdueSince ?? input.dueAt,
                escalationLevel: input.escalationLevel ?? 1,
                ...(input.escalation ? { escalation: input.escalation } : {}),
              },
              ctx,
            );
            break;
          case 'satisfied':
            await outbox.enqueue(
              tx,
              deadlineSatisfiedEvent,
              { ...base, satisfiedAt: input.satisfiedAt ?? input.dueAt, satisfiedBy: input.satisfiedBy ?? '', late: input.late ?? false },
              ctx,
            );
            break;
          case 'extended':
            await outbox.enqueue(
              tx,
              deadlineExtendedEvent,
              {
                ...base,
                previousDueAt: input.previousDueAt ?? input.dueAt,
                reasonCode: input.reasonCode ?? 'unspecified',
                extendedBy: input.extendedBy ?? '',
                ...(input.direction ? { direction: input.direction } : {}),
              },
              ctx,
            );
            break;
          case 'moved-earlier':
            await outbox.enqueue(
              tx,
              deadlineMovedEarlierEvent,
              {
                ...base,
                previousDueAt: input.previousDueAt ?? input.dueAt,
                reasonCode: input.reasonCode ?? 'unspecified',
                movedBy: input.extendedBy ?? '',
              },
              ctx,
            );
            break;
          case 'cancelled':
            await outbox.enqueue(
              tx,
              deadlineCancelledEvent,
              { ...base, reasonCode: input.reasonCode ?? 'unspecified', cancelledBy: input.cancelledBy ?? '' },
              ctx,
            );
            break;
        }
      });
    },
  };
}
