import type { TimelinessRow } from '../api/types';

const columns: [string, (r: TimelinessRow) => string | number | null | undefined][] = [
  ['rule', (r) => r.key.ruleId],
  ['unit', (r) => r.key.unitId],
  ['county', (r) => r.key.countyCode],
  ['month', (r) => r.key.month],
  ['deadlines', (r) => r.deadlines],
  ['met', (r) => r.met],
  ['met_on_time', (r) => r.metOnTime],
  ['met_late', (r) => r.metLate],
  ['open_overdue', (r) => r.openOverdue],
  ['on_time_pct', (r) => r.onTimePct],
  ['lateness_hours_median', (r) => r.latenessHours?.median],
  ['lateness_hours_p90', (r) => r.latenessHours?.p90],
  ['acknowledge_minutes_median', (r) => r.acknowledgeMinutes?.median],
  ['acknowledge_minutes_p90', (r) => r.acknowledgeMinutes?.p90],
  ['escalated', (r) => r.escalated],
  ['highest_level', (r) => r.highestLevel],
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; a formula-looking text is defused. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run =, +, - or @ at the start of a text cell as a formula (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report's rows as CSV with a header line, CRLF line ends (what spreadsheets expect). */
export function timelinessCsv(rows: TimelinessRow[]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => field(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
