import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  classifiedPaths,
  eventDisclosure,
  matchKeyDisclosure,
  redact,
  type DisclosureDecision,
  type FieldSpec,
} from '@linkages/platform-access';
import { topics, type EventDefinition } from '@linkages/shared-contracts';
import type { OutboxWriter } from './outbox';

/**
 * The sharing policy's view of an event: ids and minimum-necessary facts (`eventDisclosure`), except on the identity
 * topic, read only by the matching service, where match keys pass too (`matchKeyDisclosure`, issue 13).
 */
export function eventDisclosureFor(def: Pick<EventDefinition, 'topic'>): DisclosureDecision {
  return def.topic.name === topics.identityMatchKeys.name ? matchKeyDisclosure : eventDisclosure;
}

/**
 * Publishes a domain event through the outbox, in the caller's transaction, after the sharing policy's event view:
 * the producing domain classifies each event field by field (`classification[def.type]`), and a field without a
 * class, or of a class the event view does not pass, never leaves the service. An event the domain has not
 * classified is refused, and so is a `match-key` field on any topic but the identity topic (match keys go only to the
 * matching service).
 */
export async function shareEvent<S extends z.ZodObject>(
  outbox: OutboxWriter,
  tx: EntityManager,
  classification: Readonly<Record<string, FieldSpec>>,
  def: EventDefinition<S>,
  payload: z.input<S>,
  ctx: { countyCode: string; correlationId: string; id?: string },
): Promise<void> {
  const spec = classification[def.type];
  if (!spec) throw new Error(`${def.type} has no field classification: its producer cannot publish it`);
  const disclosure = eventDisclosureFor(def);
  if (disclosure !== matchKeyDisclosure) {
    const keyFields = Object.entries(classifiedPaths(spec))
      .filter(([, cls]) => cls === 'match-key')
      .map(([path]) => path);
    if (keyFields.length > 0)
      throw new Error(
        `${def.type} classifies ${keyFields.join(', ')} as match-key: match keys leave a service only on ${topics.identityMatchKeys.name}`,
      );
  }
  await outbox.enqueue(tx, def, (redact(payload, spec, disclosure) ?? {}) as z.input<S>, ctx);
}
