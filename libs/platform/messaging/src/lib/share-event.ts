import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { eventDisclosure, redact, type FieldSpec } from '@linkages/platform-access';
import type { EventDefinition } from '@linkages/shared-contracts';
import type { OutboxWriter } from './outbox';

/**
 * Publishes a domain event through the outbox, in the caller's transaction, after the sharing policy's event view:
 * the producing domain classifies each event field by field (`classification[def.type]`), and a field without a
 * class, or of a class the event view does not pass, never leaves the service. An event the domain has not
 * classified is refused.
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
  await outbox.enqueue(tx, def, (redact(payload, spec, eventDisclosure) ?? {}) as z.input<S>, ctx);
}
