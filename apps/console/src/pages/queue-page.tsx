import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/client';
import { useInboxStream } from '../api/inbox-stream';
import type { QueueResponse, StaffPerson, Unit } from '../api/types';
import { useAuth } from '../auth/auth';
import { useConfig } from '../app/config-context';
import { useNow } from '../app/use-now';
import { Empty, ErrorBox, Loading } from '../components/states';
import { DueFacts, NextStep, displayState } from './deadline-facts';
import { programLabels, stateLabels } from './labels';
import { deleteView, loadViews, saveView, type SavedView } from './saved-views';

const filterNames = ['state', 'program', 'unitId', 'staffId', 'ruleId'] as const;

/** One filter: its value from the URL, "all" first, then the choices ([value, label]). */
function FilterSelect(props: { label: string; name: string; all: string; params: URLSearchParams; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.params.get(props.name) ?? ''}>
        <option value="">{props.all}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The supervisor queue (issue 15 item 2): due-soon, due, overdue, escalated and acknowledged deadlines of both
 * agencies as far as the sharing policy lets this person see, most urgent first. Filters live in the URL (a view can
 * be linked) and can be saved by name; the list refreshes when the notifications stream says something happened.
 */
export function QueuePage() {
  const api = useApi();
  const config = useConfig();
  const { session } = useAuth();
  const subject = session.status === 'signed-in' ? session.viewer.subject : 'anonymous';
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [views, setViews] = useState<SavedView[]>(() => loadViews(subject));
  const [viewName, setViewName] = useState('');
  const now = useNow();

  const query = new URLSearchParams();
  for (const name of filterNames) {
    const v = params.get(name);
    if (v) query.set(name, v);
  }
  const queue = useQuery({
    queryKey: ['deadline-queue', query.toString()],
    queryFn: ({ signal }) => api<QueueResponse>('notifications', `/deadline-queue?${query.toString()}`, { signal }),
  });
  const units = useQuery({ queryKey: ['units'], queryFn: () => api<{ units: Unit[] }>('notifications', '/organisation/units') });
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => api<{ people: StaffPerson[] }>('notifications', '/organisation/people'),
  });
  const live = useInboxStream(() => void queryClient.invalidateQueries({ queryKey: ['deadline-queue'] }));

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const v = String(form.get(name) ?? '').trim();
      if (v) next.set(name, v);
    }
    setParams(next);
  };

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Deadline queue</h1>
      <p className="live" aria-live="polite">
        Live updates: {live === 'live' ? 'on' : live === 'connecting' ? 'connecting…' : 'reconnecting…'}
      </p>
      {/* Keyed by the URL's filters: a saved view or a link shows its own values in the fields, not what was typed before. */}
      <form key={query.toString()} className="filters" onSubmit={apply} aria-label="Filters">
        <label>
          State
          <select name="state" defaultValue={params.get('state') ?? ''}>
            <option value="">Open (due soon to acknowledged)</option>
            {(['overdue', 'escalated', 'acknowledged', 'due', 'due-soon', 'met'] as const).map((s) => (
              <option key={s} value={s}>
                {stateLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <FilterSelect label="Program" name="program" all="All programs" params={params} options={Object.entries(programLabels)} />
        <FilterSelect
          label="Unit"
          name="unitId"
          all="All units"
          params={params}
          options={(units.data?.units ?? []).map((u) => [u.unitId, u.name])}
        />
        <FilterSelect
          label="Worker"
          name="staffId"
          all="All workers"
          params={params}
          options={(people.data?.people ?? []).map((p) => [p.staffId, p.displayName])}
        />
        <label>
          Rule
          <input name="ruleId" defaultValue={params.get('ruleId') ?? ''} placeholder="e.g. cws.er.immediate-response" />
        </label>
        <button type="submit">Apply filters</button>
      </form>

      <div className="views">
        <form
          aria-label="Save this view"
          onSubmit={(e) => {
            e.preventDefault();
            if (viewName.trim()) setViews(saveView(subject, { name: viewName.trim(), query: query.toString() }));
            setViewName('');
          }}
        >
          <label>
            View name
            <input value={viewName} onChange={(e) => setViewName(e.target.value)} />
          </label>
          <button type="submit">Save view</button>
        </form>
        {views.length > 0 && (
          <ul aria-label="Saved views">
            {views.map((v) => (
              <li key={v.name}>
                <button type="button" onClick={() => setParams(new URLSearchParams(v.query))}>
                  {v.name}
                </button>
                <button type="button" aria-label={`Delete view ${v.name}`} onClick={() => setViews(deleteView(subject, v.name))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {queue.isPending && <Loading what="the queue" />}
      {queue.isError && <ErrorBox error={queue.error} />}
      {queue.data && queue.data.items.length === 0 && <Empty>Nothing in this view.</Empty>}
      {queue.data && queue.data.items.length > 0 && (
        <ol className="queue">
          {queue.data.items.map((item) => {
            const state = displayState(item);
            return (
              <li key={item.deadlineId} className={`item tone-${state.tone}`}>
                <div className="item-head">
                  <span className={`badge tone-${state.tone}`}>{state.label}</span>
                  <Link to={`/deadlines/${item.deadlineId}`}>
                    <code>{item.ruleId}</code>
                  </Link>
                  <span className="citation">{item.citation}</span>
                  {item.legallyUrgent && <span className="badge urgent">Legally urgent</span>}
                </div>
                <dl>
                  <DueFacts item={item} now={now} timeZone={config.timeZone} nobody="Nobody yet (the unit’s intake worker is told)" />
                  <dt>Next</dt>
                  <dd>
                    <NextStep item={item} timeZone={config.timeZone} />
                  </dd>
                  <dt>Program</dt>
                  <dd>
                    {programLabels[item.program] ?? item.program} · {item.agency.toUpperCase()} ·{' '}
                    <Link to={`/families/${item.familyId}`}>family timeline</Link>
                  </dd>
                </dl>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
