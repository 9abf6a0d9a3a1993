import { DateTime } from 'luxon';
import { computeDue, ZONE, type CalendarSpec, type DueResult, type DueRule, type PolicyRegistry } from '@linkages/platform-deadlines';
import { sanctionRuleIds } from './sanction.vocabulary';

/** A rule as it applies in the episode's county, with the calendar that closes its days (recorded in the workflow input). */
export interface AppliedRule {
  rule: DueRule;
  calendar: CalendarSpec;
}

/** The rules whose dates the sanction process works out itself (the other steps are clocks of their own). */
export interface SanctionRules {
  compliancePeriod: AppliedRule;
  timelyNotice: AppliedRule;
  aidRestoration: AppliedRule;
  stateHearing: AppliedRule;
  sanctionReview: AppliedRule;
  /** Optional in runs started before SB 80 extensions were tracked. */
  childCare?: AppliedRule;
}

const applied = (registry: PolicyRegistry, id: string, countyCode: string): AppliedRule => {
  const rule = registry.rule(id, countyCode);
  return { rule, calendar: registry.calendarFor(rule, countyCode) };
};

/** The county's versions of the rules the process computes with (called by whoever starts the workflow). */
export function sanctionRulesFor(registry: PolicyRegistry, countyCode: string): SanctionRules {
  return {
    compliancePeriod: applied(registry, sanctionRuleIds.compliancePeriod, countyCode),
    timelyNotice: applied(registry, sanctionRuleIds.timelyNotice, countyCode),
    aidRestoration: applied(registry, sanctionRuleIds.aidRestoration, countyCode),
    stateHearing: applied(registry, sanctionRuleIds.stateHearing, countyCode),
    sanctionReview: applied(registry, sanctionRuleIds.sanctionReview, countyCode),
    childCare: applied(registry, sanctionRuleIds.childCare, countyCode),
  };
}

const isDate = (d: unknown): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid;
export const isCalendarDate = isDate;

/**
 * The instant a fact known by its California date starts a count: noon of that day. Counting excludes the day of
 * the fact (CCP 12), so a notice issued on the 1st makes the 2nd day 1 (RULES.md 3, "Day 1 = the day after").
 */
export function factInstant(date: string): string {
  const day = DateTime.fromISO(date, { zone: ZONE });
  if (!day.isValid) throw new Error(`Not a date: ${date}`);
  return day.set({ hour: 12 }).toISO() ?? '';
}

/** A fact known by its date meets a clock at the end of that day (TrackedDeadlines caps an instant ahead of now). */
export function endOfDay(date: string): string {
  return DateTime.fromISO(date, { zone: ZONE }).endOf('day').toISO() ?? '';
}

/** The California date of an instant (workflow time, a clock's due instant). */
export const californiaDate = (instant: string | number): string =>
  (typeof instant === 'number' ? DateTime.fromMillis(instant, { zone: ZONE }) : DateTime.fromISO(instant, { zone: ZONE })).toISODate() ??
  '';

export const addDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate() ?? '';

const due = ({ rule, calendar }: AppliedRule, startAt: string): DueResult => computeDue(rule, startAt, calendar);

/** Day 20 of the compliance period after the NA 840/845 (ACL 03-59), with its explanation. */
export const compliancePeriodEnd = (rules: SanctionRules, noticeIssuedOn: string): DueResult =>
  due(rules.compliancePeriod, factInstant(noticeIssuedOn));

export interface EffectiveDate {
  effectiveOn: string;
  /** The dates chained to reach it: the compliance period's day 20, then the 10-day timely notice. */
  chain: { ruleId: string; dueDate: string | null; summary: string }[];
  explanation: string;
}

/**
 * The earliest date a sanction may take effect (RULES.md 3, "Effective date of cut": the NA 840/845's effective date
 * covers the 20-day compliance period plus the 10-day timely notice; the NA 840 is itself the timely notice, so no
 * second notice period is added). A sanction recorded later than that takes effect when recorded (never retroactively;
 * NA 817: "cannot be earlier than the NA 840 date").
 */
export function earliestEffectiveDate(rules: SanctionRules, noticeIssuedOn: string, imposedOn: string): EffectiveDate {
  const period = compliancePeriodEnd(rules, noticeIssuedOn);
  const notice = due(rules.timelyNotice, period.dueAt ?? factInstant(noticeIssuedOn));
  const chained = notice.dueDate ?? imposedOn;
  const effectiveOn = chained < imposedOn ? imposedOn : chained;
  const chain = [period, notice].map((d) => ({ ruleId: d.ruleId, dueDate: d.dueDate, summary: d.explanation.summary }));
  const explanation = [
    `Notice (NA 840/845) issued on ${noticeIssuedOn}.`,
    `Compliance period (${period.explanation.rule.citation}): ${period.explanation.summary}`,
    `Timely notice (${notice.explanation.rule.citation}) counted from the end of the compliance period: ${notice.explanation.summary}`,
    effectiveOn === chained
      ? `The sanction may take effect on ${effectiveOn}.`
      : `The sanction was recorded on ${imposedOn}, after ${chained}: it takes effect on ${imposedOn}, never earlier than recorded.`,
  ].join(' ');
  return { effectiveOn, chain, explanation };
}

export interface AidRestoration {
  aidRestoredOn: string;
  explanation: string;
}

/**
 * Aid is restored on the 1st of the month after the client contacted the county to cure (LA DPSS GAIN 1370; rule
 * calworks.wtw.aid-restoration-month: the contact month ends on its last day, restoration is the day after).
 */
export function aidRestorationDate(rules: SanctionRules, cureContactOn: string): AidRestoration {
  const end = due(rules.aidRestoration, factInstant(cureContactOn));
  const aidRestoredOn = addDays(end.dueDate ?? cureContactOn, 1);
  return {
    aidRestoredOn,
    explanation: `Cure contact on ${cureContactOn}. ${end.explanation.summary} Aid is restored the next day, ${aidRestoredOn} (${end.explanation.rule.citation}).`,
  };
}

export interface HearingWindow {
  /** The last day a state hearing may be requested (MPP 22-009.1: 90 days from the action's effective date). */
  lastDay: string;
  explanation: string;
}

export function stateHearingWindow(rules: SanctionRules, effectiveOn: string): HearingWindow {
  const end = due(rules.stateHearing, factInstant(effectiveOn));
  return { lastDay: end.dueDate ?? effectiveOn, explanation: end.explanation.summary };
}

/** The supervisor's review of a request made at `at` is due by (1 working day, calworks.wtw.sanction-review). */
export const reviewDueAt = (rules: SanctionRules, at: string): string => due(rules.sanctionReview, at).dueAt ?? at;

/**
 * The SB 80 good cause extended by its one more 15-day increment (30 days at most, LA DPSS GAIN 1370): the date the
 * clock moves to, counted from the cure contact.
 */
export function childCareGoodCauseExtendedTo(rules: SanctionRules, contactOn: string): string | null {
  if (!rules.childCare) return null;
  const { rule, calendar } = rules.childCare;
  const at = factInstant(contactOn);
  return computeDue(rule, at, calendar, {
    extensions: [{ length: 15, reasonCode: 'child-care-still-being-arranged-sb80', by: 'process', at }],
  }).dueDate;
}

/** The calendar months from the month of `from` to the month of `to` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = DateTime.fromISO(from, { zone: ZONE }).startOf('month'); (m.toISODate() ?? to) <= to; m = m.plus({ months: 1 }))
    months.push(m.toFormat('yyyy-MM'));
  return months;
}

/** Aid is paid pending the hearing when it is requested before the action takes effect (MPP 22-009.1; RULES.md 3). */
export const aidPaidPending = (requestedOn: string, effectiveOn: string): boolean => requestedOn < effectiveOn;
