import { DateTime } from 'luxon';
import { FR_ZONE, type FrCloseReason, type FrRecordRemovalInput } from '@linkages/calworks-domain';
import { FrRemovalEntity } from '@linkages/calworks-data-access';
import type { frAidWindowClosedEvent } from '@linkages/shared-contracts';
import type { z } from 'zod';

/** The contract's code for each close reason (its v1 names stay published). */
export const closeReasonCode: Record<FrCloseReason, z.output<typeof frAidWindowClosedEvent.payload>['reason']> = {
  'returned-home': 'child-returned-home',
  'services-terminated': 'reunification-services-terminated',
  'parental-rights-terminated': 'parental-rights-terminated',
  'window-ended': 'six-months-elapsed',
  'case-closed': 'case-closed',
};

/** The instant a fact known by its California date meets a clock: the end of that day, or now if it has not ended. */
export const endOfDay = (date: string, now = new Date()): string => {
  const end = DateTime.fromISO(date, { zone: FR_ZONE }).endOf('day');
  if (!end.isValid) throw new Error(`Not a date: ${date}`);
  return new Date(Math.min(end.toMillis(), now.getTime())).toISOString();
};

/** A removal row as the inbox writes it when it first hears of the removal (the step writes it if the inbox did not). */
export function removalRow(
  input: Omit<FrRecordRemovalInput, 'processId' | 'eventId' | 'auId'> & { auId: string | null; reviewId?: string | null },
): FrRemovalEntity {
  return Object.assign(new FrRemovalEntity(), {
    removalId: input.removalId,
    countyCode: input.countyCode,
    familyId: input.familyId,
    caseId: input.caseId,
    childId: input.childId,
    auId: input.auId,
    reviewId: input.reviewId ?? null,
    removedAt: new Date(input.removedAt),
    allChildrenRemoved: input.allChildrenRemoved,
    status: input.auId ? (input.allChildrenRemoved ? 'temporary-absence' : 'partial-removal') : 'awaiting-au-match',
    recommendationCasePlanId: null,
    recommendedOn: null,
    recommendsAb429Services: null,
    recommendationEscalatedAt: null,
    closeReason: null,
    closedOn: null,
    refusals: [],
    receivedAt: new Date(),
  });
}
