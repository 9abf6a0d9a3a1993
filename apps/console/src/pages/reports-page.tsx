import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../api/client';
import type { TimelinessReport, TimelinessRow } from '../api/types';
import { useConfig } from '../app/config-context';
import { formatInstant } from '../app/dates';
import { Empty, ErrorBox, Loading } from '../components/states';
import { timelinessCsv } from './report-csv';

const groupings = ['rule', 'unit', 'county', 'month'] as const;

const labelOf = (row: TimelinessRow) => [row.key.ruleId, row.key.unitId, row.key.countyCode, row.key.month].filter(Boolean).join(' · ');
const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));

function download(report: TimelinessReport) {
  const blob = new Blob([timelinessCsv(report.rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `timeliness-${report.from}-to-${report.to}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Timeliness (issue 15 item 4): per rule, unit, county and month, from the deadline and escalation events the
 * notifications service keeps: on-time %, lateness (median, p90), time to acknowledge, the highest level reached.
 * A chart with the same figures as a table beside it, and CSV export.
 */
export function ReportsPage() {
  const api = useApi();
  const config = useConfig();
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const name of ['from', 'to', 'groupBy']) {
    const v = params.get(name);
    if (v) query.set(name, v);
  }
  const report = useQuery({
    queryKey: ['timeliness', query.toString()],
    queryFn: ({ signal }) => api<TimelinessReport>('notifications', `/reports/timeliness?${query.toString()}`, { signal }),
  });
  const groupBy = (params.get('groupBy') ?? 'rule,month').split(',');
  const chart = (report.data?.rows ?? []).map((r) => ({
    name: labelOf(r),
    onTime: r.onTimePct ?? 0,
    late: r.onTimePct === null ? 0 : 100 - r.onTimePct,
  }));

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Timeliness</h1>
      <form
        key={query.toString()}
        className="filters"
        aria-label="Report period and grouping"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const name of ['from', 'to']) {
            const v = String(form.get(name) ?? '');
            if (v) next.set(name, v);
          }
          const groups = groupings.filter((g) => form.get(`group-${g}`) === 'on');
          if (groups.length) next.set('groupBy', groups.join(','));
          setParams(next);
        }}
      >
        <label>
          From (month)
          <input type="month" name="from" defaultValue={params.get('from') ?? ''} />
        </label>
        <label>
          To (month)
          <input type="month" name="to" defaultValue={params.get('to') ?? ''} />
        </label>
        <fieldset>
          <legend>Group by</legend>
          {groupings.map((g) => (
            <label key={g} className="inline">
              <input type="checkbox" name={`group-${g}`} defaultChecked={groupBy.includes(g)} /> {g}
            </label>
          ))}
        </fieldset>
        <button type="submit">Show</button>
      </form>
      {report.isPending && <Loading what="the report" />}
      {report.isError && <ErrorBox error={report.error} />}
      {report.data && report.data.rows.length === 0 && <Empty>No deadline fell due or was met in this period.</Empty>}
      {report.data && report.data.rows.length > 0 && (
        <>
          <p>
            {report.data.from} to {report.data.to}, months in {report.data.timeZone}; computed{' '}
            {formatInstant(report.data.generatedAt, config.timeZone)}.{' '}
            <button type="button" onClick={() => download(report.data)}>
              Download CSV
            </button>
          </p>
          <div className="report">
            <figure className="chart" aria-label="On-time percentage per group (the table beside it has the same figures)">
              <ResponsiveContainer width="100%" height={Math.max(220, chart.length * 36)}>
                <BarChart data={chart} layout="vertical" margin={{ left: 24, right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" domain={[0, 100]} unit="%" />
                  <YAxis type="category" dataKey="name" width={260} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="onTime" name="On time %" stackId="a" fill="#1d6b34" />
                  <Bar dataKey="late" name="Late or overdue %" stackId="a" fill="#a4161a" />
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <table>
              <caption>Timeliness per group</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Deadlines</th>
                  <th scope="col">On time %</th>
                  <th scope="col">Late, median / p90 (h)</th>
                  <th scope="col">To acknowledge, median / p90 (min)</th>
                  <th scope="col">Highest level</th>
                </tr>
              </thead>
              <tbody>
                {report.data.rows.map((r) => (
                  <tr key={labelOf(r)}>
                    <th scope="row">{labelOf(r)}</th>
                    <td>
                      {r.deadlines} ({r.met} met, {r.openOverdue} open overdue)
                    </td>
                    <td>{num(r.onTimePct)}</td>
                    <td>
                      {num(r.latenessHours?.median)} / {num(r.latenessHours?.p90)}
                    </td>
                    <td>
                      {num(r.acknowledgeMinutes?.median, 0)} / {num(r.acknowledgeMinutes?.p90, 0)}
                    </td>
                    <td>{r.highestLevel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
