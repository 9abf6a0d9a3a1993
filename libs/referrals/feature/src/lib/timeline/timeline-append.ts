import type { EntityManager } from 'typeorm';
import type { FamilyResolver, TimelineEntryInput } from '@linkages/referrals-data-access';
import { timelineEntryOf } from '@linkages/referrals-domain';
import type { CloudEvent } from '@linkages/shared-contracts';

/**
 * What every referrals handler appends to the family timeline for a consumed or own event: its ids, type, agency,
 * instant and subject, and `entry` = `{ kind, label }` from `timelineEntryOf` (facts only). The timeline view reads
 * exactly these; any other field in `entry` is never shown.
 */
export function timelineInputOf(
  event: Pick<CloudEvent<unknown>, 'id' | 'type' | 'time' | 'data' | 'source' | 'subject'>,
  kept?: Record<string, unknown>,
): TimelineEntryInput {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const entry = timelineEntryOf({ id: event.id, type: event.type, time: event.time, data, source: event.source });
  return {
    eventId: event.id,
    eventType: event.type,
    agency: entry.agency,
    occurredAt: entry.occurredAt,
    subject: event.subject ?? `${entry.kind}/${event.id}`,
    entry: { kind: entry.kind, label: entry.label, ...kept },
  };
}

/**
 * Appends the event to the family's timeline (idempotent by event id); the seq. `kept`: what the service keeps with
 * the entry and never shows (the coordination fact the event told, ids, codes and dates, replayed when families merge).
 */
export const appendToTimeline = (
  families: FamilyResolver,
  tx: EntityManager,
  familyId: string,
  event: Parameters<typeof timelineInputOf>[0],
  kept?: Record<string, unknown>,
) => families.appendTimeline(tx, familyId, timelineInputOf(event, kept));
