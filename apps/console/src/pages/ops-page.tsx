import { useState } from 'react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/client';
import type { DeadLetter, WorkflowCounts } from '../api/types';
import { serviceNames, type ServiceName } from '../app/config';
import { useConfig } from '../app/config-context';
import { formatInstant } from '../app/dates';
import { Empty, ErrorBox, Loading } from '../components/states';

/** GET /health/ready: 200 with every check up, or a 503 problem whose `checks` name the dependency that is down. */
interface Health {
  /** 'ready' on 200; the problem's HTTP status (503) otherwise. */
  status?: 'ready' | 'not-ready' | number;
  checks?: Record<string, { status: 'up' | 'down'; latencyMs: number; error?: string }>;
}

type ReplayResult = { results: { key: string; outcome: string }[] };

/** The readiness of each service and its dependencies (GET /health/ready: 503 names the failing one). */
function HealthTable() {
  const config = useConfig();
  const health = useQueries({
    queries: serviceNames.map((name) => ({
      queryKey: ['health', name],
      queryFn: async (): Promise<Health> => {
        const res = await fetch(`${config.services[name]}/health/ready`);
        return (await res.json()) as Health;
      },
      refetchInterval: 15_000,
    })),
  });
  return (
    <table>
      <caption>Service health</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Ready</th>
          <th scope="col">Dependencies</th>
        </tr>
      </thead>
      <tbody>
        {serviceNames.map((name, i) => {
          const h = health[i];
          if (!h) return null;
          const checks = Object.entries(h.data?.checks ?? {});
          const ready = h.data?.status === 'ready';
          return (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{h.isPending ? 'checking…' : h.isError ? 'unreachable' : ready ? 'ready' : 'not ready'}</td>
              <td>{checks.map(([dep, c]) => `${dep}: ${c.status}${c.error ? ` (${c.error})` : ''}`).join(', ') || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function WorkflowTable() {
  const api = useApi();
  const counts = useQueries({
    queries: serviceNames.map((name) => ({
      queryKey: ['workflows', name],
      queryFn: () => api<WorkflowCounts>(name, '/ops/workflows'),
      refetchInterval: 30_000,
    })),
  });
  const statuses = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut', 'ContinuedAsNew'];
  return (
    <table>
      <caption>Workflows by status</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          {statuses.map((s) => (
            <th key={s} scope="col">
              {s}
            </th>
          ))}
          <th scope="col">Temporal UI</th>
        </tr>
      </thead>
      <tbody>
        {serviceNames.map((name, i) => {
          const c = counts[i];
          if (!c) return null;
          const ui = c.data
            ? `${c.data.temporalUi.baseUrl}/namespaces/${encodeURIComponent(c.data.temporalUi.namespace)}/workflows`
            : undefined;
          const query = c.data ? `TaskQueue="${c.data.taskQueue}"` : '';
          return (
            <tr key={name}>
              <th scope="row">{name}</th>
              {statuses.map((s) => (
                <td key={s}>{c.isPending ? '…' : c.isError ? 'error' : (c.data?.counts[s] ?? 0)}</td>
              ))}
              <td>
                {ui ? <a href={`${ui}?query=${encodeURIComponent(query)}`}>{name} workflows</a> : '—'}
                {ui && c.data?.searchAttributes.includes('DeadlineStatus') ? (
                  <>
                    {' · '}
                    <a href={`${ui}?query=${encodeURIComponent(`${query} AND DeadlineStatus="overdue"`)}`}>overdue clocks</a>
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DeadLetters({ service }: { service: ServiceName }) {
  const api = useApi();
  const config = useConfig();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const letters = useQuery({
    queryKey: ['dead-letters', service],
    queryFn: () => api<{ items: DeadLetter[] }>(service, '/ops/dead-letters?status=all'),
  });
  const detail = useQuery({
    queryKey: ['dead-letter', service, shown],
    queryFn: () => api<Record<string, unknown>>(service, `/ops/dead-letters/${encodeURIComponent(shown ?? '')}`),
    enabled: shown !== null,
  });
  const replay = useMutation({
    mutationFn: (keys: string[]) =>
      keys.length === 1 && keys[0]
        ? api<ReplayResult>(service, `/ops/dead-letters/${encodeURIComponent(keys[0])}/replay`, { method: 'POST' })
        : api<ReplayResult>(service, '/ops/dead-letters/replay', { method: 'POST', body: { keys } }),
    onSuccess: async () => {
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: ['dead-letters', service] });
    },
  });
  if (letters.isPending) return <Loading what={`${service} dead letters`} />;
  if (letters.isError) return <ErrorBox error={letters.error} />;
  const pending = letters.data.items.filter((l) => !l.replayedAt);
  return (
    <section aria-labelledby={`dl-${service}`}>
      <h3 id={`dl-${service}`}>{service}</h3>
      {letters.data.items.length === 0 ? (
        <Empty>No dead letters.</Empty>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Select</th>
                <th scope="col">Topic</th>
                <th scope="col">Type</th>
                <th scope="col">Reason</th>
                <th scope="col">Failed</th>
                <th scope="col">Replayed</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {letters.data.items.map((l) => (
                <tr key={l.key}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${l.key}`}
                      disabled={l.replayedAt !== null}
                      checked={selected.includes(l.key)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, l.key] : s.filter((k) => k !== l.key)))}
                    />
                  </td>
                  <td>{l.topic}</td>
                  <td>{l.type ?? '—'}</td>
                  <td>{l.reason}</td>
                  <td>{formatInstant(l.failedAt, config.timeZone)}</td>
                  <td>{l.replayedAt ? formatInstant(l.replayedAt, config.timeZone) : 'no'}</td>
                  <td>
                    <button type="button" onClick={() => setShown(l.key)} aria-label={`Show ${l.key}`}>
                      Show
                    </button>{' '}
                    <button
                      type="button"
                      disabled={l.replayedAt !== null || replay.isPending}
                      onClick={() => replay.mutate([l.key])}
                      aria-label={`Replay ${l.key}`}
                    >
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={selected.length === 0 || replay.isPending} onClick={() => replay.mutate(selected)}>
            Replay selected ({selected.length})
          </button>{' '}
          <span>{pending.length} pending</span>
        </>
      )}
      {replay.isError && <ErrorBox error={replay.error} />}
      {replay.data && <p role="status">{replay.data.results.map((r) => `${r.key}: ${r.outcome}`).join('; ')}</p>}
      {shown && (
        <div className="detail-panel" role="region" aria-label="Dead letter">
          {detail.isPending && <Loading what="the dead letter" />}
          {detail.isError && <ErrorBox error={detail.error} />}
          {detail.data && <pre>{JSON.stringify(detail.data, null, 2)}</pre>}
          <button type="button" onClick={() => setShown(null)}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A deadline's workflows in the Temporal UI: its clock (`<service>/deadline/<id>`, whichever service owns it) and its
 * escalation (`notifications/escalation/<id>`). Workflow ids are business ids (pseudonymous UUIDs), so the query
 * carries no personal data.
 */
function FindWorkflows() {
  const config = useConfig();
  const [id, setId] = useState('');
  const valid = uuidPattern.test(id.trim());
  const ids = [
    ...serviceNames.filter((s) => s !== 'notifications').map((s) => `${s}/deadline/${id.trim()}`),
    `notifications/escalation/${id.trim()}`,
  ];
  const query = `WorkflowId IN (${ids.map((w) => `'${w}'`).join(', ')})`;
  const href = `${config.temporalUi.baseUrl}/namespaces/${encodeURIComponent(config.temporalUi.namespace)}/workflows?query=${encodeURIComponent(query)}`;
  return (
    <section aria-labelledby="find-title">
      <h2 id="find-title">Find a deadline’s workflows</h2>
      <label>
        Deadline id
        <input value={id} onChange={(e) => setId(e.target.value)} placeholder="a UUID from the queue or an event" />
      </label>
      {id && !valid && <p role="alert">A deadline id is a UUID.</p>}
      {valid && (
        <p>
          <a href={href}>Its clock and escalation in the Temporal UI</a>
        </p>
      )}
    </section>
  );
}

/** Operations (issue 15 item 5, the `ops` role): service health, workflow counts with Temporal UI links, dead letters. */
export function OpsPage() {
  return (
    <section aria-labelledby="ops-title">
      <h1 id="ops-title">Operations</h1>
      <HealthTable />
      <WorkflowTable />
      <FindWorkflows />
      <h2>Dead letters</h2>
      {serviceNames.map((s) => (
        <DeadLetters key={s} service={s} />
      ))}
    </section>
  );
}
