import type { EntityManager } from 'typeorm';
import type { ClockOpening } from '@linkages/child-welfare-domain';
import type { CwsCaseEntity, CwsReferralEntity } from '@linkages/child-welfare-data-access';
import { TrackedDeadlineEntity, type ClockSubject, type TrackedDeadlines } from '@linkages/platform-deadline-tracking';

/** The clocks of a referral (emergency response) and of a case (court, case plan, CFT, visits). */
export const referralSubject = (r: CwsReferralEntity): ClockSubject => ({
  type: 'referral',
  id: r.id,
  familyId: r.familyId,
  countyCode: r.countyCode,
});
export const caseSubject = (c: CwsCaseEntity): ClockSubject => ({ type: 'case', id: c.id, familyId: c.familyId, countyCode: c.countyCode });

/** The computed due date (under the clock's own rule, before any order moved it) of an open clock, if it is open. */
export async function openClockDue(
  deadlines: TrackedDeadlines,
  tx: EntityManager,
  subjectId: string,
  countyCode: string,
  purpose: string,
): Promise<string | null | undefined> {
  const clock = await tx.getRepository(TrackedDeadlineEntity).findOne({ where: { subjectId, purpose, status: 'open' } });
  return clock ? deadlines.due(clock.ruleId, countyCode, clock.startAt.toISOString()).dueDate : undefined;
}

/** Opens a clock the domain decided on (nothing new when the subject already has it). */
export const openClock = (
  deadlines: TrackedDeadlines,
  tx: EntityManager,
  subject: ClockSubject,
  clock: ClockOpening,
): Promise<string | undefined> => deadlines.open(tx, subject, clock.purpose, clock.ruleId, clock.startAt);
