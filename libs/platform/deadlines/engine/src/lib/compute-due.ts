import { DateTime } from 'luxon';
import { BusinessCalendar, type CalendarSpec } from './calendar';
import { ZONE } from './holidays';

export type Basis =
  'calendar-days' | 'business-days' | 'court-days' | 'hours' | 'hours-excluding-non-court-days' | 'months' | 'calendar-months';

/** What computeDue needs of a policy record. */
export interface DueRule {
  id: string;
  title: string;
  citation: string;
  status: 'confirmed' | 'county' | 'unconfirmed';
  basis: Basis;
  length: number;
  /** CCP 12a: a last day that falls on a closed day moves to the next open day. Default: yes for days and months, never for hours. */
  rollForward?: boolean;
}

export interface Pause {
  from: string;
  /** Open while the clock is stopped. */
  to?: string;
  reasonCode: string;
  by: string;
}

export interface Extension {
  /** Extra units in the rule's basis (days, business days, hours, months). */
  length: number;
  reasonCode: string;
  by: string;
  at: string;
}

/** A date set by an order (a hearing continued to a date): replaces the computed due date, with its reason. */
export interface DueOverride {
  dueDate: string;
  reasonCode: string;
  by: string;
  at: string;
}

export interface Adjustments {
  pauses?: readonly Pause[];
  extensions?: readonly Extension[];
  override?: DueOverride;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface DueExplanation {
  rule: { id: string; title: string; citation: string; status: DueRule['status'] };
  basis: Basis;
  length: number;
  /** length + extensions + paused units. */
  totalLength: number;
  calendar: { id: string; name: string; source: string };
  start: { at: string; date: string };
  counting: string;
  /** Days not counted (business and court bases) or stepped over when rolling the last day forward. */
  skipped: SkippedDay[];
  rolledForward?: { from: string; to: string };
  pauses: (Pause & { units: number })[];
  extensions: Extension[];
  override?: DueOverride;
  /** While a pause is open there is no due instant. */
  pausedSince?: string;
  summary: string;
}

export interface DueResult {
  ruleId: string;
  /** The due instant (end of the due day for day-based rules), ISO 8601 with offset; null while paused. */
  dueAt: string | null;
  dueDate: string | null;
  explanation: DueExplanation;
}

const fmtDay = (d: DateTime) => d.toFormat('ccc d LLL yyyy');
const unitName: Record<Basis, string> = {
  'calendar-days': 'calendar day',
  'business-days': 'business day',
  'court-days': 'court day',
  hours: 'hour',
  'hours-excluding-non-court-days': 'hour (non-court days excluded)',
  months: 'calendar month',
  'calendar-months': 'calendar month',
};
const plural = (n: number, unit: string) =>
  `${n} ${unit}${n === 1 ? '' : 's'}`.replace(/hour \(non-court days excluded\)s/, 'hours (non-court days excluded)');

/**
 * When a deadline is due, and why. Pure and deterministic (no clock, no I/O): usable inside Temporal workflows.
 * Counting follows CCP 12/12a: the day of the triggering event is excluded and the last day included; a last day on
 * a Saturday, Sunday, holiday or closure moves to the next open day of the rule's calendar. Hour-based rules count
 * elapsed hours and never roll. Times are America/Los_Angeles, across daylight-saving changes.
 */
export function computeDue(rule: DueRule, start: string, calendarSpec: CalendarSpec, adjustments: Adjustments = {}): DueResult {
  if (!Number.isInteger(rule.length) || rule.length < 0) throw new Error(`Rule ${rule.id}: length must be a whole number ≥ 0`);
  const calendar = new BusinessCalendar(calendarSpec);
  const startAt = DateTime.fromISO(start, { zone: ZONE });
  if (!startAt.isValid) throw new Error(`Rule ${rule.id}: start '${start}' is not an ISO 8601 instant`);
  const startDate = startAt.startOf('day');
  const hourly = rule.basis === 'hours' || rule.basis === 'hours-excluding-non-court-days';

  const closedPauses = (adjustments.pauses ?? []).filter((p): p is Pause & { to: string } => p.to !== undefined);
  const openPause = (adjustments.pauses ?? []).find((p) => p.to === undefined);
  const pauses = closedPauses.map((p) => ({ ...p, units: pauseUnits(rule.basis, p.from, p.to, calendar) }));
  const extensions = [...(adjustments.extensions ?? [])];
  const totalLength = rule.length + extensions.reduce((n, e) => n + e.length, 0) + pauses.reduce((n, p) => n + p.units, 0);

  const explanation: DueExplanation = {
    rule: { id: rule.id, title: rule.title, citation: rule.citation, status: rule.status },
    basis: rule.basis,
    length: rule.length,
    totalLength,
    calendar: { id: calendarSpec.id, name: calendarSpec.name, source: calendarSpec.source },
    start: { at: startAt.toISO() ?? start, date: startDate.toISODate() ?? '' },
    counting: countingText(rule.basis),
    skipped: [],
    pauses,
    extensions,
    ...(adjustments.override ? { override: adjustments.override } : {}),
    summary: '',
  };

  if (openPause) {
    explanation.pausedSince = openPause.from;
    explanation.summary = `Paused since ${DateTime.fromISO(openPause.from, { zone: ZONE }).toFormat('ccc d LLL yyyy HH:mm ZZZZ')} (${openPause.reasonCode}): no due date while the clock is stopped. ${rule.title} (${rule.citation}).`;
    return { ruleId: rule.id, dueAt: null, dueDate: null, explanation };
  }

  let dueAt: DateTime;
  if (adjustments.override) {
    const day = DateTime.fromISO(adjustments.override.dueDate, { zone: ZONE });
    if (!day.isValid) throw new Error(`Override due date '${adjustments.override.dueDate}' is not a date`);
    dueAt = day.endOf('day');
  } else if (rule.basis === 'hours') {
    dueAt = startAt.plus({ hours: totalLength });
  } else if (rule.basis === 'hours-excluding-non-court-days') {
    dueAt = hoursExcludingClosedDays(startAt, totalLength, calendar, explanation.skipped);
  } else if (rule.basis === 'business-days' || rule.basis === 'court-days') {
    let day = startDate;
    for (let counted = 0; counted < totalLength;) {
      day = day.plus({ days: 1 });
      const reason = calendar.closedBecause(day.toISODate() ?? '');
      if (reason) explanation.skipped.push({ date: day.toISODate() ?? '', reason });
      else counted++;
    }
    dueAt = day.endOf('day');
  } else {
    // 'calendar-months': within the start's month (length 1) or by the end of the (length-1)th month after it.
    const last =
      rule.basis === 'months'
        ? startDate.plus({ months: totalLength })
        : rule.basis === 'calendar-months'
          ? startDate
              .plus({ months: Math.max(totalLength - 1, 0) })
              .endOf('month')
              .startOf('day')
          : startDate.plus({ days: totalLength });
    let day = last;
    if (rule.rollForward ?? true) {
      for (let reason = calendar.closedBecause(day.toISODate() ?? ''); reason; reason = calendar.closedBecause(day.toISODate() ?? '')) {
        explanation.skipped.push({ date: day.toISODate() ?? '', reason });
        day = day.plus({ days: 1 });
      }
      if (!day.equals(last)) explanation.rolledForward = { from: last.toISODate() ?? '', to: day.toISODate() ?? '' };
    }
    dueAt = day.endOf('day');
  }

  const dueDate = hourly && !adjustments.override ? null : (dueAt.toISODate() ?? null);
  explanation.summary = summarize(rule, explanation, startAt, dueAt, hourly && !adjustments.override);
  return { ruleId: rule.id, dueAt: dueAt.toISO(), dueDate, explanation };
}

function hoursExcludingClosedDays(start: DateTime, hours: number, calendar: BusinessCalendar, skipped: SkippedDay[]): DateTime {
  let cursor = start;
  let remainingMs = hours * 3_600_000;
  for (;;) {
    const date = cursor.toISODate() ?? '';
    const reason = calendar.closedBecause(date);
    const nextMidnight = cursor.startOf('day').plus({ days: 1 });
    if (reason) {
      skipped.push({ date, reason });
      cursor = nextMidnight;
      continue;
    }
    const available = nextMidnight.toMillis() - cursor.toMillis();
    if (remainingMs <= available) return cursor.plus({ milliseconds: remainingMs });
    remainingMs -= available;
    cursor = nextMidnight;
  }
}

/** How many of the rule's units a closed pause stopped: days by date, open days for business/court bases, hours. */
function pauseUnits(basis: Basis, from: string, to: string, calendar: BusinessCalendar): number {
  const a = DateTime.fromISO(from, { zone: ZONE });
  const b = DateTime.fromISO(to, { zone: ZONE });
  if (!a.isValid || !b.isValid || b < a) throw new Error(`Invalid pause ${from} → ${to}`);
  if (basis === 'hours' || basis === 'hours-excluding-non-court-days') return Math.ceil(b.diff(a, 'hours').hours);
  const days = Math.round(b.startOf('day').diff(a.startOf('day'), 'days').days);
  if (basis === 'calendar-days' || basis === 'months' || basis === 'calendar-months') return days;
  let open = 0;
  for (let d = a.startOf('day'); d < b.startOf('day'); d = d.plus({ days: 1 })) if (calendar.isOpen(d.toISODate() ?? '')) open++;
  return open;
}

function countingText(basis: Basis): string {
  switch (basis) {
    case 'calendar-days':
      return 'CCP 12: the first day is excluded and the last included; CCP 12a: a last day on a Saturday, Sunday, holiday or closure moves to the next open day.';
    case 'business-days':
      return "Business days of the county calendar after the first day; Saturdays, Sundays, the county's holidays and closures are not counted.";
    case 'court-days':
      return 'Court days after the first day; Saturdays, Sundays and judicial holidays (CCP 135) are not counted.';
    case 'months':
      return 'Calendar months from the start date (a day missing in the last month means its last day); a last day on a closed day moves to the next open day (CCP 12a).';
    case 'calendar-months':
      return 'Whole calendar months: the month of the start counts as the first, and the last day of the last month is the due date.';
    case 'hours':
      return 'Elapsed hours from the start instant; hour-based limits do not move for weekends or holidays.';
    case 'hours-excluding-non-court-days':
      return 'Elapsed hours from the start instant, not counting the hours of Saturdays, Sundays and judicial holidays.';
  }
}

function summarize(rule: DueRule, e: DueExplanation, startAt: DateTime, dueAt: DateTime, hourly: boolean): string {
  const parts: string[] = [];
  parts.push(
    hourly ? `Due ${dueAt.toFormat('ccc d LLL yyyy HH:mm ZZZZ')}.` : `Due by the end of ${fmtDay(dueAt)} (${dueAt.toFormat('ZZZZ')}).`,
  );
  if (e.override) {
    parts.push(`Set to ${e.override.dueDate} by ${e.override.by} (${e.override.reasonCode}) instead of the computed date.`);
  }
  if (rule.basis === 'calendar-months')
    parts.push(
      `${rule.title} (${rule.citation}): ${plural(rule.length, unitName[rule.basis])} counting the month of ${fmtDay(startAt)}, to the end of the last.`,
    );
  else
    parts.push(
      `${rule.title} (${rule.citation}): ${plural(rule.length, unitName[rule.basis])} from ${hourly ? startAt.toFormat('ccc d LLL yyyy HH:mm ZZZZ') : fmtDay(startAt)}${hourly ? '' : ', first day not counted'}.`,
    );
  for (const x of e.extensions) parts.push(`Extended by ${plural(x.length, unitName[rule.basis])} (${x.reasonCode}, by ${x.by}).`);
  for (const p of e.pauses) parts.push(`Paused ${p.from} → ${p.to} (${p.reasonCode}): ${plural(p.units, unitName[rule.basis])} added.`);
  if (rule.basis === 'business-days' || rule.basis === 'court-days' || rule.basis === 'hours-excluding-non-court-days') {
    if (e.skipped.length) parts.push(`Not counted: ${e.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')}.`);
  } else if (e.rolledForward) {
    parts.push(
      `The last day, ${e.rolledForward.from}, is closed; moved to ${e.rolledForward.to} past ${e.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')} (CCP 12a).`,
    );
  }
  return parts.join(' ');
}
