import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { cwsEventClassification } from '@linkages/child-welfare-domain';
import { eventDisclosure, redact } from '@linkages/platform-access';
import type { OutboxWriter } from '@linkages/platform-messaging';
import type { EventDefinition } from '@linkages/shared-contracts';

/** Publishes a child-welfare event through the outbox, after the sharing policy's event view (cwsEventClassification). */
export async function shareEvent<S extends z.ZodObject>(
  outbox: OutboxWriter,
  tx: EntityManager,
  def: EventDefinition<S>,
  payload: z.input<S>,
  ctx: { countyCode: string; correlationId: string; id?: string },
): Promise<void> {
  const spec = cwsEventClassification[def.type];
  if (!spec) throw new Error(`${def.type} has no field classification: child welfare cannot publish it`);
  await outbox.enqueue(tx, def, (redact(payload, spec, eventDisclosure) ?? {}) as z.input<S>, ctx);
}
