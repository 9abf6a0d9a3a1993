import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { calworksEventClassification } from '@linkages/calworks-domain';
import { shareEvent, type OutboxWriter } from '@linkages/platform-messaging';
import type { EventDefinition } from '@linkages/shared-contracts';

/**
 * Publishes a CalWORKs event through the outbox, in the caller's transaction, after the sharing policy's event view
 * (calworksEventClassification): a field without a class never leaves the service. `ctx.id` is the event id the
 * workflow chose, so a retried activity publishes once.
 */
export const publishCalworksEvent = <S extends z.ZodObject>(
  outbox: OutboxWriter,
  tx: EntityManager,
  def: EventDefinition<S>,
  payload: z.input<S>,
  ctx: { countyCode: string; correlationId: string; id?: string },
): Promise<void> => shareEvent(outbox, tx, calworksEventClassification, def, payload, ctx);
