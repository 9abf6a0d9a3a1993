import { DateTime } from 'luxon';
import { BusinessCalendar, type CalendarSpec } from './calendar';
import { ZONE } from './holidays';

export type Basis =
  | 'calendar-days'
  | 'business-days'
  | 'court-days'
  | 'hours'
  | 'hours-excluding-non-court-days'
  | 'months'
  | 'calendar-months'
  | 'full-calendar-months';

/**
 * How a last day that falls on a closed day moves: `forward` to the next open day (CCP 12a), `backward` to the last
 * open day on or before it (a "no later than" limit that must not slip past the law), or `none` (the date stands).
 */
export type RollDirection = 'forward' | 'backward' | 'none';

/** What computeDue needs of a policy record. */
export interface DueRule {
  id: string;
  title: string;
  citation: string;
  status: 'confirmed' | 'county' | 'unconfirmed';
  /**
   * What the date is: a `deadline` (something is due by it; the default) or the end of a `window` (an information
   * sharing or aid window closes on it), so the explanation does not call a window's end "due".
   */
  kind?: 'deadline' | 'window';
  basis: Basis;
  length: number;
  /**
   * The fact the count starts from, as a noun phrase the explanation names with its date ("the disposition
   * hearing" → "6 calendar months from the disposition hearing of Fri 25 Sep 2026"). Optional only so that policies
   * recorded in running workflows' inputs before it existed still compute.
   */
  anchor?: string;
  /** How a closed last day moves. Default: `forward` (CCP 12a) for days and months, `none` for hours. */
  rollDirection?: RollDirection;
  /** Why the rule rolls that way, in words a supervisor can read. */
  rollReason?: string;
  /** Where that direction comes from (statute, regulation, policy). */
  rollSource?: string;
  /**
   * Deprecated: `false` means `rollDirection: 'none'`. Kept so that policies recorded in running workflows' inputs
   * before rollDirection existed compute the same dates on replay.
   */
  rollForward?: boolean;
}

/** The direction a rule's closed last day moves in (rollDirection, else the deprecated rollForward, else by basis). */
export function rollDirectionOf(rule: Pick<DueRule, 'basis' | 'rollDirection' | 'rollForward'>): RollDirection {
  if (rule.basis === 'hours' || rule.basis === 'hours-excluding-non-court-days') return 'none';
  if (rule.rollDirection) return rule.rollDirection;
  return rule.rollForward === false ? 'none' : 'forward';
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

/**
 * What a reason code means, in words a supervisor can read, and who acts for it when that is known from the code
 * itself (a role or "the court", never a person). Pure data: usable inside workflows.
 */
export const REASON_WORDS: Readonly<Record<string, { words: string; who?: string }>> = {
  'continuance-wic-352': { words: 'continued by the court for good cause (WIC 352)', who: 'the court' },
  'continuance-good-cause': { words: 'continued by the court for good cause', who: 'the court' },
  'continuance-parent-request-wic-319': { words: "continued by the court at the parent's request (WIC 319)", who: 'the court' },
  'due-at-disposition': { words: 'the disposition hearing came first', who: 'the court' },
  'supervisor-approved-extension': { words: 'extension approved by a supervisor', who: 'a supervisor' },
  'cws-good-cause': { words: 'good cause found by child welfare services', who: 'child welfare services' },
  'child-care-being-arranged-sb80': { words: 'child care is being arranged (SB 80 good cause)' },
  'child-care-still-being-arranged-sb80': { words: 'child care is still being arranged (SB 80 good cause)' },
  'exemption-request-pending': { words: 'an exemption request is pending' },
  'state-hearing-aid-paid-pending': { words: 'a state hearing is pending with aid paid pending' },
  'plan-goals-achievable-wic-16506': { words: 'the plan goals can be achieved with more time (WIC 16506)' },
  'hearing-pending': { words: 'a hearing is pending' },
  'aligned-with-cws-plan-review': { words: "aligned with child welfare's reunification-plan review (AB 429)" },
  'mdt-good-cause': { words: 'good cause for a longer exchange, recorded by the team (WIC 18961.7)' },
};

/** A reason code in plain words; an unknown code reads as its words ("good-cause-review" → "good cause review"). */
export function reasonWords(code: string): string {
  return REASON_WORDS[code]?.words ?? code.replace(/[-_]+/g, ' ').trim();
}

/** Who acted, as the reader may see it: a role or "the court" from the reason code, never the staff id. */
export function whoActed(code: string): string {
  return REASON_WORDS[code]?.who ?? 'staff';
}

/** The rule's status, in words, as shown with the date. */
export function statusWords(status: DueRule['status']): string {
  switch (status) {
    case 'confirmed':
      return 'confirmed';
    case 'county':
      return 'county practice';
    case 'unconfirmed':
      return 'unconfirmed (configurable per county)';
  }
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
  /** length + extensions + paused units (month bases: paused days are added to the last day instead). */
  totalLength: number;
  calendar: { id: string; name: string; source: string };
  /** When the count starts, and from which fact (the rule's anchor). */
  start: { at: string; date: string; fact?: string };
  counting: string;
  /** Days not counted (business and court bases) or stepped over when rolling the last day forward. */
  skipped: SkippedDay[];
  rolledForward?: { from: string; to: string };
  /** A "no later than" limit on a closed day: due the last open day on or before it. */
  rolledBackward?: { from: string; to: string; ccp12aWouldAllow: string };
  /** The last day is closed and the rule does not move it. */
  notRolled?: { date: string; reason: string };
  /** How this rule moves a closed last day, and why (day and month bases). */
  roll?: { direction: RollDirection; reason?: string; source?: string };
  /** Full calendar months: the first month when the start is not on the 1st (not counted), and the months counted. */
  proratedMonth?: string;
  countedMonths?: { first: string; last: string };
  pauses: (Pause & { units: number })[];
  extensions: Extension[];
  /**
   * The order that set the date, with the computed date it replaced and which way it moved it (`earlier` is not an
   * extension: a hearing that came first, for example).
   */
  override?: DueOverride & { computedDate?: string | null; direction?: 'later' | 'earlier' | 'same' };
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
  'full-calendar-months': 'full calendar month',
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
  // A month-based count stops by days: its pauses add calendar days to the last day, not months.
  const monthly = rule.basis === 'months' || rule.basis === 'calendar-months' || rule.basis === 'full-calendar-months';
  const pausedUnits = pauses.reduce((n, p) => n + p.units, 0);
  const totalLength = rule.length + extensions.reduce((n, e) => n + e.length, 0) + (monthly ? 0 : pausedUnits);

  const explanation: DueExplanation = {
    rule: { id: rule.id, title: rule.title, citation: rule.citation, status: rule.status },
    basis: rule.basis,
    length: rule.length,
    totalLength,
    calendar: { id: calendarSpec.id, name: calendarSpec.name, source: calendarSpec.source },
    start: { at: startAt.toISO() ?? start, date: startDate.toISODate() ?? '', ...(rule.anchor ? { fact: rule.anchor } : {}) },
    counting: countingText(rule.basis),
    skipped: [],
    pauses,
    extensions,
    ...(adjustments.override ? { override: { ...adjustments.override } } : {}),
    summary: '',
  };

  if (openPause) {
    explanation.pausedSince = openPause.from;
    explanation.summary = `Paused since ${DateTime.fromISO(openPause.from, { zone: ZONE }).toFormat('ccc d LLL yyyy HH:mm ZZZZ')} (${reasonWords(openPause.reasonCode)}): no due date while the clock is stopped. ${rule.title} (${rule.citation}). Rule status: ${statusWords(rule.status)}.`;
    return { ruleId: rule.id, dueAt: null, dueDate: null, explanation };
  }

  let dueAt: DateTime;
  if (adjustments.override) {
    const day = DateTime.fromISO(adjustments.override.dueDate, { zone: ZONE });
    if (!day.isValid) throw new Error(`Override due date '${adjustments.override.dueDate}' is not a date`);
    dueAt = day.endOf('day');
    // The date the order replaced (and so which way it moved it).
    const computed = computeDue(rule, start, calendarSpec, {
      ...(adjustments.pauses ? { pauses: adjustments.pauses } : {}),
      ...(adjustments.extensions ? { extensions: adjustments.extensions } : {}),
    });
    const computedAt = computed.dueAt ? DateTime.fromISO(computed.dueAt, { zone: ZONE }) : null;
    if (explanation.override) {
      explanation.override.computedDate = computedAt ? (computedAt.toISODate() ?? null) : null;
      if (computedAt) {
        const ordered = day.toISODate() ?? '';
        const was = computedAt.toISODate() ?? '';
        explanation.override.direction = ordered < was ? 'earlier' : ordered > was ? 'later' : 'same';
      }
    }
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
    let last: DateTime;
    if (rule.basis === 'months') last = startDate.plus({ months: totalLength });
    else if (rule.basis === 'calendar-months')
      // Within the start's month (length 1) or by the end of the (length-1)th month after it.
      last = startDate
        .plus({ months: Math.max(totalLength - 1, 0) })
        .endOf('month')
        .startOf('day');
    else if (rule.basis === 'full-calendar-months') {
      // A first month that does not start on the 1st is prorated and not counted; the window ends on the last day
      // of the Nth full month.
      const firstFull = startDate.day === 1 ? startDate : startDate.plus({ months: 1 }).startOf('month');
      if (startDate.day !== 1) explanation.proratedMonth = startDate.toFormat('yyyy-MM');
      last = firstFull
        .plus({ months: Math.max(totalLength - 1, 0) })
        .endOf('month')
        .startOf('day');
      explanation.countedMonths = { first: firstFull.toFormat('yyyy-MM'), last: last.toFormat('yyyy-MM') };
    } else last = startDate.plus({ days: totalLength });
    if (monthly && pausedUnits > 0) last = last.plus({ days: pausedUnits });
    dueAt = rollLastDay(rule, last, startDate, calendar, explanation).endOf('day');
  }

  const dueDate = hourly && !adjustments.override ? null : (dueAt.toISODate() ?? null);
  explanation.summary = summarize(rule, explanation, startAt, dueAt, hourly && !adjustments.override);
  return { ruleId: rule.id, dueAt: dueAt.toISO(), dueDate, explanation };
}

/** Moves a closed last day as the rule says (forward: CCP 12a; backward: the last open day on or before it; none). */
function rollLastDay(rule: DueRule, last: DateTime, startDate: DateTime, calendar: BusinessCalendar, e: DueExplanation): DateTime {
  const direction = rollDirectionOf(rule);
  e.roll = {
    direction,
    ...(rule.rollReason ? { reason: rule.rollReason } : {}),
    ...(rule.rollSource ? { source: rule.rollSource } : {}),
  };
  const closed = (d: DateTime) => calendar.closedBecause(d.toISODate() ?? '');
  const lastReason = closed(last);
  if (!lastReason) return last;
  const forward: SkippedDay[] = [];
  let next = last;
  for (let reason = closed(next); reason; reason = closed(next)) {
    forward.push({ date: next.toISODate() ?? '', reason });
    next = next.plus({ days: 1 });
  }
  if (direction === 'forward') {
    e.skipped.push(...forward);
    e.rolledForward = { from: last.toISODate() ?? '', to: next.toISODate() ?? '' };
    return next;
  }
  if (direction === 'backward') {
    const back: SkippedDay[] = [];
    let prev = last;
    for (let reason = closed(prev); reason && prev > startDate; reason = closed(prev)) {
      back.push({ date: prev.toISODate() ?? '', reason });
      prev = prev.minus({ days: 1 });
    }
    // Never before the start: a limit with no open day after its start keeps its last day.
    if (prev > startDate) {
      e.skipped.push(...back);
      e.rolledBackward = { from: last.toISODate() ?? '', to: prev.toISODate() ?? '', ccp12aWouldAllow: next.toISODate() ?? '' };
      return prev;
    }
  }
  e.notRolled = { date: last.toISODate() ?? '', reason: lastReason };
  return last;
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
  if (basis === 'calendar-days' || basis === 'months' || basis === 'calendar-months' || basis === 'full-calendar-months') return days;
  let open = 0;
  for (let d = a.startOf('day'); d < b.startOf('day'); d = d.plus({ days: 1 })) if (calendar.isOpen(d.toISODate() ?? '')) open++;
  return open;
}

function countingText(basis: Basis): string {
  switch (basis) {
    case 'calendar-days':
      return 'CCP 12: the first day is excluded and the last included; a last day on a Saturday, Sunday, holiday or closure moves as the rule says (CCP 12a: to the next open day, unless the rule says otherwise).';
    case 'business-days':
      return "Business days of the county calendar after the first day; Saturdays, Sundays, the county's holidays and closures are not counted.";
    case 'court-days':
      return 'Court days after the first day; Saturdays, Sundays and judicial holidays (CCP 135) are not counted.';
    case 'months':
      return 'Calendar months from the start date (a day missing in the last month means its last day); a last day on a closed day moves as the rule says (forward under CCP 12a, backward for a "no later than" limit, or not at all).';
    case 'calendar-months':
      return 'Whole calendar months: the month of the start counts as the first, and the last day of the last month is the due date.';
    case 'full-calendar-months':
      return 'Full calendar months: a first month that does not start on the 1st is prorated and not counted; the due date is the last day of the last full month.';
    case 'hours':
      return 'Elapsed hours from the start instant; hour-based limits do not move for weekends or holidays.';
    case 'hours-excluding-non-court-days':
      return 'Elapsed hours from the start instant, not counting the hours of Saturdays, Sundays and judicial holidays.';
  }
}

function summarize(rule: DueRule, e: DueExplanation, startAt: DateTime, dueAt: DateTime, hourly: boolean): string {
  const parts: string[] = [];
  const window = rule.kind === 'window';
  parts.push(
    hourly
      ? `${window ? 'The window closes' : 'Due'} ${dueAt.toFormat('ccc d LLL yyyy HH:mm ZZZZ')}.`
      : `${window ? 'The window closes on' : 'Due by the end of'} ${fmtDay(dueAt)}${window ? ', at the end of the day' : ''} (${dueAt.toFormat('ZZZZ')}).`,
  );
  if (e.override) {
    const o = e.override;
    const day = (iso: string) => fmtDay(DateTime.fromISO(iso, { zone: ZONE }));
    const who = whoActed(o.reasonCode);
    parts.push(
      o.direction === 'earlier'
        ? `Moved earlier to ${day(o.dueDate)} by ${who}, from the computed date${o.computedDate ? `, ${day(o.computedDate)}` : ''}. Reason: ${reasonWords(o.reasonCode)}.`
        : `Set to ${day(o.dueDate)} by ${who} instead of the computed date${o.computedDate ? `, ${day(o.computedDate)}` : ''}. Reason: ${reasonWords(o.reasonCode)}.`,
    );
  }
  if (rule.basis === 'calendar-months')
    parts.push(
      `${rule.title} (${rule.citation}): ${plural(rule.length, unitName[rule.basis])} counting the month of ${fmtDay(startAt)}${rule.anchor ? ` (${rule.anchor})` : ''}, to the end of the last.`,
    );
  else if (rule.basis === 'full-calendar-months') {
    const month = (ym: string) => DateTime.fromFormat(ym, 'yyyy-MM', { zone: ZONE }).toFormat('LLLL yyyy');
    const counted = e.countedMonths ? `${month(e.countedMonths.first)} to ${month(e.countedMonths.last)}` : '';
    parts.push(
      `${rule.title} (${rule.citation}): ${plural(rule.length, unitName[rule.basis])} from ${fromFact(rule, fmtDay(startAt))}. ${
        e.proratedMonth
          ? `${month(e.proratedMonth)} is a prorated month (the start is not on the 1st) and is not counted`
          : `The start is on the 1st, so ${month(e.countedMonths?.first ?? '')} is the first full month`
      }; counted: ${counted}, ending on its last day.`,
    );
  } else
    parts.push(
      `${rule.title} (${rule.citation}): ${plural(rule.length, unitName[rule.basis])} from ${fromFact(rule, hourly ? startAt.toFormat('ccc d LLL yyyy HH:mm ZZZZ') : fmtDay(startAt))}${hourly ? '' : ', first day not counted'}.`,
    );
  for (const x of e.extensions)
    parts.push(`Extended by ${plural(x.length, unitName[rule.basis])} by ${whoActed(x.reasonCode)}. Reason: ${reasonWords(x.reasonCode)}.`);
  for (const p of e.pauses)
    parts.push(
      `Paused ${p.from} → ${p.to} (${reasonWords(p.reasonCode)}): ${plural(p.units, unitName[rule.basis].endsWith('month') ? 'calendar day' : unitName[rule.basis])} added.`,
    );
  if (rule.basis === 'business-days' || rule.basis === 'court-days' || rule.basis === 'hours-excluding-non-court-days') {
    if (e.skipped.length) parts.push(`Not counted: ${e.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')}.`);
  } else if (e.rolledForward) {
    parts.push(
      `The last day, ${e.rolledForward.from}, is closed; moved to ${e.rolledForward.to} past ${e.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')} (CCP 12a).`,
    );
    if (rule.rollReason) parts.push(`Forward: ${rollWhy(e)}`);
  } else if (e.rolledBackward) {
    parts.push(
      `The limit, ${e.rolledBackward.from}, is closed (${e.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')}); due the last open day on or before it, ${e.rolledBackward.to}: ${rollWhy(e)} CCP 12a could extend a last day on a closed day to ${e.rolledBackward.ccp12aWouldAllow}; the earlier date is the safe one.`,
    );
  } else if (e.notRolled) {
    parts.push(`The last day, ${e.notRolled.date}, is closed (${e.notRolled.reason}) and is not moved: ${rollWhy(e)}`);
  } else if (e.roll && e.roll.direction !== 'forward') {
    parts.push(
      `${e.roll.direction === 'backward' ? 'A closed last day would move back to the last open day before it' : 'A closed last day would not move'}: ${rollWhy(e)}`,
    );
  }
  parts.push(`Rule status: ${statusWords(rule.status)}.`);
  return parts.join(' ');
}

/** "the disposition hearing of Fri 25 Sep 2026" (the rule's anchor fact with its date), or the date alone. */
function fromFact(rule: DueRule, when: string): string {
  return rule.anchor ? `${rule.anchor} of ${when}` : when;
}

function rollWhy(e: DueExplanation): string {
  const reason = e.roll?.reason ?? 'rule default';
  return `${reason.replace(/\.$/, '')}${e.roll?.source ? ` (${e.roll.source})` : ''}.`;
}
