import type { DataSource } from 'typeorm';
import type { EscalationActivities, RecordEscalationRequest } from '@linkages/notifications-domain';
import { EscalationRepository, timelineEntryKey } from '@linkages/notifications-data-access';
import type { OutboxWriter } from '@linkages/platform-messaging';
import { stableUuid } from '@linkages/platform-access';
import { escalationAcknowledgedEvent, escalationRaisedEvent } from '@linkages/shared-contracts';

export interface EscalationActivityDeps {
  dataSource: DataSource;
  outbox: OutboxWriter;
  escalations?: EscalationRepository;
}

/**
 * recordEscalation: the row upserted, the timeline entry appended and the event (if any) in the outbox, in one
 * transaction. Idempotent: a retried entry (same key) appends and publishes nothing.
 */
export function createEscalationActivities(deps: EscalationActivityDeps): Pick<EscalationActivities, 'recordEscalation'> {
  const escalations = deps.escalations ?? new EscalationRepository();
  return {
    async recordEscalation(req: RecordEscalationRequest): Promise<void> {
      await deps.dataSource.transaction(async (tx) => {
        const appended = await escalations.record(tx, req);
        if (!appended || !req.publish) return;
        const s = req.subject;
        const ctx = {
          countyCode: s.countyCode,
          correlationId: s.escalationId,
          id: stableUuid('linkages-escalation-event', timelineEntryKey(req)),
        };
        const base = { escalationId: s.escalationId, deadlineId: s.deadlineId, familyId: s.familyId };
        if (req.publish.type === 'escalation-raised')
          await deps.outbox.enqueue(
            tx,
            escalationRaisedEvent,
            { ...base, level: req.publish.level, role: req.publish.role, acknowledgeBy: req.publish.acknowledgeBy },
            ctx,
          );
        else
          await deps.outbox.enqueue(
            tx,
            escalationAcknowledgedEvent,
            { ...base, level: req.publish.level, acknowledgedBy: req.publish.acknowledgedBy, acknowledgedAt: req.publish.acknowledgedAt },
            ctx,
          );
      });
    },
  };
}
