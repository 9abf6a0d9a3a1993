import type { EntityManager } from 'typeorm';
import { FR_SUBJECT_TYPE, type FrStepBase } from '@linkages/calworks-domain';
import type { FrWindowRepository } from '@linkages/calworks-data-access';

/** The clock subject, event context and notify option of an FR step, and its removal row (locked). */
export function frStepHelpers(frWindows: FrWindowRepository) {
  const subject = (s: FrStepBase) => ({ type: FR_SUBJECT_TYPE, id: s.removalId, familyId: s.familyId, countyCode: s.countyCode });
  const ctx = (s: FrStepBase, id = s.eventId) => ({ countyCode: s.countyCode, correlationId: s.processId, id });
  const notify = (s: FrStepBase) => ({ notify: s.processId });
  const required = async (tx: EntityManager, removalId: string) => {
    const removal = await frWindows.removal(tx, removalId, { lock: true });
    if (!removal) throw new Error(`FR removal ${removalId} is not recorded`);
    return removal;
  };

  return { subject, ctx, notify, required };
}
