import { DateTime } from 'luxon';
import { ESCALATION_ZONE } from '../escalation/escalation-window';

/** The months of a timeliness report are counted in the county's time zone (one zone for every county today). */
export const REPORT_ZONE = ESCALATION_ZONE;

/** How a timeliness report may group its rows (the key fields of a row, in this order when sorted). */
export const reportGroupings = ['rule', 'unit', 'county', 'month'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

export const defaultReportGroupBy: readonly ReportGrouping[] = ['rule', 'month'];

/** The longest period one report covers, in months (from and to included). */
export const MAX_REPORT_MONTHS = 24;

/** The default period: this many months through the current one. */
export const DEFAULT_REPORT_MONTHS = 6;

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A period of whole months in the report zone, from and to included (YYYY-MM), and the instants it spans. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** The first instant of `from` (ISO). */
  start: string;
  /** The first instant after `to` (ISO). */
  end: string;
}

export type ReportPeriodResult = { ok: true; period: ReportPeriod } | { ok: false; field: 'from' | 'to'; message: string };

const monthStart = (month: string): DateTime => DateTime.fromFormat(month, 'yyyy-MM', { zone: REPORT_ZONE });

/**
 * The period a report covers: both months as given; one missing: the default length ending at `to` or starting at
 * `from` (the missing `to` is the current month, or `from` + 5 when that is earlier); neither: the last six months
 * through the current one. Refused: from after to, or more than 24 months.
 */
export function reportPeriodOf(query: { from?: string; to?: string }, now: Date): ReportPeriodResult {
  const current = DateTime.fromJSDate(now, { zone: REPORT_ZONE }).startOf('month');
  const span = DEFAULT_REPORT_MONTHS - 1;
  let to = query.to ? monthStart(query.to) : undefined;
  let from = query.from ? monthStart(query.from) : undefined;
  if (!to) {
    const fromPlus = from?.plus({ months: span });
    to = fromPlus && fromPlus < current ? fromPlus : current;
  }
  from ??= to.minus({ months: span });
  if (from > to) return { ok: false, field: 'from', message: 'from must not be after to' };
  const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  if (months > MAX_REPORT_MONTHS) return { ok: false, field: 'to', message: `a report covers at most ${MAX_REPORT_MONTHS} months` };
  return {
    ok: true,
    period: {
      from: from.toFormat('yyyy-MM'),
      to: to.toFormat('yyyy-MM'),
      start: from.toUTC().toISO() ?? '',
      end: to.plus({ months: 1 }).toUTC().toISO() ?? '',
    },
  };
}

/** The on-time share: met on time over those that had to be met by now (met, or open past due); null when none. */
export function onTimePercent(metOnTime: number, met: number, openOverdue: number): number | null {
  const denominator = met + openOverdue;
  return denominator === 0 ? null : Math.round((metOnTime / denominator) * 1000) / 10;
}
