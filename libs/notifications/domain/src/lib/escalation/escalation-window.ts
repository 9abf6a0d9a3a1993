import { DateTime, Duration } from 'luxon';
import { BusinessCalendar, type CalendarSpec, type EscalationPolicy } from '@linkages/platform-deadlines';

/** The county's time zone: business hours are counted in it. */
export const ESCALATION_ZONE = 'America/Los_Angeles';

export interface WindowInput {
  /** When the level was raised (ISO instant). */
  from: string;
  /** ISO 8601 duration of the acknowledgment window (PT4H, P1D). */
  within: string;
  policy: Pick<EscalationPolicy, 'windows' | 'businessHours'>;
  calendar: CalendarSpec;
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`Not a local time HH:mm: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function durationMs(iso: string): number {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`Not an ISO 8601 duration: ${iso}`);
  return d.as('milliseconds');
}

/**
 * When a level's acknowledgment window ends. Clock hours: `from + within`. Business hours: only the open hours of
 * open days of the county calendar count (weekends, holidays and closures skipped), in the county's time zone, so a
 * DST change moves nothing but the UTC offset. Pure and deterministic (sandbox-safe).
 */
export function escalationWindowEnd(input: WindowInput): string {
  const ms = durationMs(input.within);
  const start = DateTime.fromISO(input.from, { setZone: true });
  if (!start.isValid) throw new Error(`Not an ISO instant: ${input.from}`);
  if (input.policy.windows === 'clock-hours') return start.plus({ milliseconds: ms }).toUTC().toISO() as string;
  const open = minutesOf(input.policy.businessHours.start);
  const close = minutesOf(input.policy.businessHours.end);
  if (close <= open) throw new Error('Business hours must end after they start');
  const calendar = new BusinessCalendar(input.calendar);
  let remaining = ms;
  let cursor = start.setZone(ESCALATION_ZONE);
  for (let guard = 0; guard < 3660; guard++) {
    const day = cursor.startOf('day');
    const dayOpen = day.set({ hour: Math.floor(open / 60), minute: open % 60 });
    const dayClose = day.set({ hour: Math.floor(close / 60), minute: close % 60 });
    if (calendar.isOpen(day.toISODate() as string) && cursor < dayClose) {
      const from = cursor < dayOpen ? dayOpen : cursor;
      const available = dayClose.toMillis() - from.toMillis();
      if (remaining <= available) return from.plus({ milliseconds: remaining }).toUTC().toISO() as string;
      remaining -= available;
    }
    cursor = day.plus({ days: 1 });
  }
  throw new Error('No open business hours within ten years');
}

/**
 * Whether `at` falls in the county's business hours: an open day of its calendar (weekends, holidays and closures
 * shut), between `businessHours.start` and `.end` in the county's time zone. The same rule the business-hours windows
 * count by (the organisation's after-hours coverage asks it).
 */
export function isWithinBusinessHours(at: string, businessHours: EscalationPolicy['businessHours'], calendar: CalendarSpec): boolean {
  const local = DateTime.fromISO(at, { setZone: true }).setZone(ESCALATION_ZONE);
  if (!local.isValid) throw new Error(`Not an ISO instant: ${at}`);
  if (!new BusinessCalendar(calendar).isOpen(local.toISODate() as string)) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= minutesOf(businessHours.start) && minute < minutesOf(businessHours.end);
}
