import type { PersonCircumstances, PlanActivity, PlanActivityKind, PlanSettings, PlanSlot } from './coordinated-plan';
import { CHILD_CARE_SERVICE, TRANSPORTATION_SERVICE, weekdays } from './coordinated-plan';

export const conflictCodes = ['overlapping-appointments', 'no-time-for-court-ordered', 'no-child-care', 'unreachable'] as const;
export type ConflictCode = (typeof conflictCodes)[number];

/** A conflict in the coordinated plan, with its reason in plain words built from facts only (kinds, days, hours). */
export interface PlanConflict {
  code: ConflictCode;
  personRecordId: string;
  /** The activities concerned, sorted. */
  activityIds: string[];
  reason: string;
  /** Stable for the same conflict between the same activities: a conflict is flagged once. */
  fingerprint: string;
}

const kindWords: Record<PlanActivityKind, string> = {
  'court-ordered-service': 'a court-ordered service',
  'cws-case-plan-activity': 'a CWS case-plan activity',
  'wtw-activity': 'a WTW activity',
  'supportive-service': 'a supportive service',
};

const dayWords: Record<PlanSlot['day'], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const fingerprintOf = (code: ConflictCode, personRecordId: string, ids: readonly string[]) =>
  `${code}|${personRecordId}|${[...ids].sort().join(',')}`;

/** The date ranges [startsOn, endsOn] overlap (an open end runs on). ISO dates compare as strings. */
export function periodsOverlap(a: Pick<PlanActivity, 'startsOn' | 'endsOn'>, b: Pick<PlanActivity, 'startsOn' | 'endsOn'>): boolean {
  return (a.endsOn === null || b.startsOn <= a.endsOn) && (b.endsOn === null || a.startsOn <= b.endsOn);
}

/** The first pair of slots on the same day whose times intersect (touching ends do not). */
export function overlappingSlots(a: readonly PlanSlot[], b: readonly PlanSlot[]): [PlanSlot, PlanSlot] | undefined {
  for (const x of a)
    for (const y of b) if (x.day === y.day && minutes(x.start) < minutes(y.end) && minutes(y.start) < minutes(x.end)) return [x, y];
  return undefined;
}

const isCws = (a: PlanActivity) => a.kind === 'court-ordered-service' || a.kind === 'cws-case-plan-activity';
const scheduled = (a: PlanActivity) => a.status === 'active' && a.kind !== 'supportive-service';
const serviceInPlace = (plan: readonly PlanActivity[], person: string, type: string, activity: PlanActivity) =>
  plan.some(
    (s) =>
      s.kind === 'supportive-service' &&
      s.status === 'active' &&
      s.typeCode === type &&
      s.personRecordId === person &&
      periodsOverlap(s, activity),
  );

const slotWords = (s: PlanSlot) => `${dayWords[s.day]} ${s.start}–${s.end}`;

/**
 * The conflicts of a family's coordinated plan:
 * - `overlapping-appointments`: two of a person's activities in force over the same dates have slots that intersect;
 * - `no-time-for-court-ordered`: a person's WTW hours, court-ordered/case-plan hours and travel exceed the county's
 *   weekly ceiling (the WTW hours leave no time for the treatment the court ordered);
 * - `no-child-care`: an activity that needs child care has neither a child-care supportive service in place over its
 *   dates nor child care arranged otherwise;
 * - `unreachable`: an activity that needs transport has no transportation service in place, and the person has
 *   neither a vehicle with a licence nor transit access (judged only when the person's circumstances are recorded).
 * Ordered by code, then fingerprint, so the same plan always gives the same list.
 */
export function conflictsOf(
  plan: readonly PlanActivity[],
  circumstances: readonly PersonCircumstances[],
  settings: Pick<PlanSettings, 'maxWeeklyHours' | 'travelHoursPerActivity'>,
): PlanConflict[] {
  const out: PlanConflict[] = [];
  const active = plan.filter(scheduled);
  const people = [...new Set(active.map((a) => a.personRecordId))].sort();
  for (const person of people) {
    const mine = active.filter((a) => a.personRecordId === person).sort((a, b) => a.id.localeCompare(b.id));
    for (let i = 0; i < mine.length; i++)
      for (let j = i + 1; j < mine.length; j++) {
        const a = mine[i] as PlanActivity;
        const b = mine[j] as PlanActivity;
        if (!periodsOverlap(a, b)) continue;
        const pair = overlappingSlots(a.slots, b.slots);
        if (!pair) continue;
        const ids = [a.id, b.id];
        out.push({
          code: 'overlapping-appointments',
          personRecordId: person,
          activityIds: ids,
          reason: `${capitalize(kindWords[a.kind])} (${slotWords(pair[0])}) overlaps ${kindWords[b.kind]} (${slotWords(pair[1])}).`,
          fingerprint: fingerprintOf('overlapping-appointments', person, ids),
        });
      }

    const wtw = mine.filter((a) => a.kind === 'wtw-activity');
    const cws = mine.filter(isCws);
    if (wtw.length > 0 && cws.length > 0) {
      const wtwHours = sum(wtw.map((a) => a.weeklyHours));
      const cwsHours = sum(cws.map((a) => a.weeklyHours));
      const travel = (wtw.length + cws.length) * settings.travelHoursPerActivity;
      const total = wtwHours + cwsHours + travel;
      if (total > settings.maxWeeklyHours) {
        const ids = [...wtw, ...cws].map((a) => a.id).sort();
        out.push({
          code: 'no-time-for-court-ordered',
          personRecordId: person,
          activityIds: ids,
          reason: `${hours(wtwHours)} of WTW activities, ${hours(cwsHours)} of court-ordered or case-plan services and ${hours(travel)} of travel make ${hours(total)} a week, more than the county's ${hours(settings.maxWeeklyHours)}: the WTW hours leave no time for the court-ordered services.`,
          fingerprint: fingerprintOf('no-time-for-court-ordered', person, ids),
        });
      }
    }

    const circ = circumstances.find((c) => c.personRecordId === person);
    for (const a of mine) {
      if (a.requiresChildCare && !circ?.childCareArranged && !serviceInPlace(plan, person, CHILD_CARE_SERVICE, a))
        out.push({
          code: 'no-child-care',
          personRecordId: person,
          activityIds: [a.id],
          reason: `${capitalize(kindWords[a.kind])} needs child care, and no child-care supportive service is in place over its dates nor child care arranged otherwise.`,
          fingerprint: fingerprintOf('no-child-care', person, [a.id]),
        });
      if (
        a.requiresTransport &&
        circ &&
        !(circ.hasVehicle && circ.hasLicence) &&
        !circ.transitAccess &&
        !serviceInPlace(plan, person, TRANSPORTATION_SERVICE, a)
      )
        out.push({
          code: 'unreachable',
          personRecordId: person,
          activityIds: [a.id],
          reason: `${capitalize(kindWords[a.kind])} needs transport: no transportation supportive service is in place, and the person has ${circ.hasVehicle ? 'a vehicle but no licence' : 'no vehicle'} and no transit access.`,
          fingerprint: fingerprintOf('unreachable', person, [a.id]),
        });
    }
  }
  return out.sort((x, y) => x.code.localeCompare(y.code) || x.fingerprint.localeCompare(y.fingerprint));
}

/**
 * The CWS activities a worker may count toward WTW participation: those of a countable type the workers have not
 * decided yet, marked `candidate`. Nothing is ever counted here: a candidate's hours count only once a worker confirms.
 */
export function wtwCountCandidates(plan: readonly PlanActivity[], settings: Pick<PlanSettings, 'countableCwsActivityTypes'>): string[] {
  return plan
    .filter((a) => isCws(a) && a.status === 'active' && a.wtwCount === null && settings.countableCwsActivityTypes.includes(a.typeCode))
    .map((a) => a.id)
    .sort();
}

/** The hours of CWS activities a worker confirmed as WTW participation (candidates count for nothing). */
export function confirmedWtwHours(plan: readonly PlanActivity[], personRecordId: string): number {
  return sum(plan.filter((a) => a.personRecordId === personRecordId && isCws(a) && a.wtwCount === 'confirmed').map((a) => a.weeklyHours));
}

/** Why a worker's WTW-count decision is refused: only a CWS activity of a countable type can count, and decided once. */
export function wtwCountRefusal(
  activity: Pick<PlanActivity, 'kind' | 'typeCode' | 'wtwCount' | 'status'>,
  settings: Pick<PlanSettings, 'countableCwsActivityTypes'>,
): string | undefined {
  if (activity.kind !== 'court-ordered-service' && activity.kind !== 'cws-case-plan-activity')
    return 'Only a CWS activity can count toward WTW participation';
  if (activity.status !== 'active') return 'The activity has ended';
  if (!settings.countableCwsActivityTypes.includes(activity.typeCode))
    return "The activity's type does not count toward WTW participation in this county";
  if (activity.wtwCount === 'confirmed' || activity.wtwCount === 'rejected') return `A worker already decided: ${activity.wtwCount}`;
  return undefined;
}

/** A slot is well formed: a weekday and start before end (HH:mm). */
export function slotProblem(s: PlanSlot): string | undefined {
  if (!weekdays.includes(s.day)) return `Unknown day ${s.day}`;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.start) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(s.end)) return 'Times are HH:mm (24 h)';
  if (minutes(s.start) >= minutes(s.end)) return `A slot ends after it starts (${s.day} ${s.start}–${s.end})`;
  return undefined;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const hours = (h: number) => `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
