import type { TimelinessRow } from '../api/types';
import { timelinessCsv } from './report-csv';

const row = (over: Partial<TimelinessRow> = {}): TimelinessRow => ({
  key: { ruleId: 'cws.er.immediate-response', month: '2026-11' },
  deadlines: 4,
  met: 3,
  metOnTime: 2,
  metLate: 1,
  openOverdue: 1,
  onTimePct: 50,
  latenessHours: { median: 2.5, p90: 6 },
  acknowledgeMinutes: null,
  highestLevel: 2,
  escalated: 2,
  ...over,
});

describe('timelinessCsv', () => {
  it('writes a header and one line per row, empty cells for absent keys and figures', () => {
    const lines = timelinessCsv([row()]).split('\r\n');
    expect(lines[0]).toBe(
      'rule,unit,county,month,deadlines,met,met_on_time,met_late,open_overdue,on_time_pct,lateness_hours_median,lateness_hours_p90,acknowledge_minutes_median,acknowledge_minutes_p90,escalated,highest_level',
    );
    expect(lines[1]).toBe('cws.er.immediate-response,,,2026-11,4,3,2,1,1,50,2.5,6,,,2,2');
    expect(lines[2]).toBe('');
  });

  it('quotes commas and quotes, and defuses text a spreadsheet would run as a formula', () => {
    const csv = timelinessCsv([row({ key: { ruleId: '=HYPERLINK("x")', unitId: 'a,b' } })]);
    expect(csv.split('\r\n')[1]?.startsWith(`"'=HYPERLINK(""x"")","a,b",,`)).toBe(true);
  });
});
