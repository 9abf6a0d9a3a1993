import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { cwsEventClassification } from '@linkages/child-welfare-domain';
import { FamilyRepository } from '@linkages/child-welfare-data-access';
import { shareEvent as shareThroughOutbox, type OutboxWriter } from '@linkages/platform-messaging';
import type { EventDefinition } from '@linkages/shared-contracts';

const families = new FamilyRepository();

/**
 * Publishes a child-welfare event through the outbox, after the sharing policy's event view (cwsEventClassification).
 * An event whose contract carries `calworksCaseNumber` gets the family's CalWORKs case number when child welfare
 * recorded one (a `key` under WIC 10850: how CalWORKs finds the Assistance Unit), unless the caller set it.
 */
export async function shareEvent<S extends z.ZodObject>(
  outbox: OutboxWriter,
  tx: EntityManager,
  def: EventDefinition<S>,
  payload: z.input<S>,
  ctx: { countyCode: string; correlationId: string; id?: string },
): Promise<void> {
  let full: Record<string, unknown> = payload as Record<string, unknown>;
  if ('calworksCaseNumber' in def.payload.shape && full['calworksCaseNumber'] === undefined && typeof full['familyId'] === 'string') {
    const caseNumber = await families.calworksCaseNumberOf(tx, full['familyId']);
    if (caseNumber) full = { ...full, calworksCaseNumber: caseNumber };
  }
  await shareThroughOutbox(outbox, tx, cwsEventClassification, def, full as z.input<S>, ctx);
}
