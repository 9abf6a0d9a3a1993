import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/client';
import type { DeadlineView, QueueItem, StaffPerson } from '../api/types';
import { isSupervisor, useAuth } from '../auth/auth';
import { useConfig } from '../app/config-context';
import { formatInstant } from '../app/dates';
import { useNow } from '../app/use-now';
import { ErrorBox, Loading } from '../components/states';
import { DueFacts, NextStep, displayState } from './deadline-facts';
import { slaBands } from './sla-bands';

const kindLabels: Record<string, string> = {
  warning: 'Reminder',
  reminder: 'Reminder',
  due: 'Due',
  overdue: 'Overdue',
  started: 'Escalation started',
  notified: 'Notified',
  repeated: 'Notified again',
  acknowledged: 'Acknowledged',
  resolved: 'Escalation ended',
  satisfied: 'Met',
  cancelled: 'Cancelled',
  extended: 'Extended',
  'moved-earlier': 'Moved earlier',
  reassigned: 'Re-assigned',
  'level-raised': 'Level raised',
  reopened: 'Re-opened',
  'delivery-failed': 'Delivery failed',
};

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const hidden = new Set(['escalationId', 'ruleId']);

/**
 * A timeline entry's detail in words: instants in the county's time zone, people by name where the organisation
 * knows them, how many people a level told; internal ids stay out of sight.
 */
function describe(detail: Record<string, unknown>, timeZone: string, names: Map<string, string>): string {
  const parts = Object.entries(detail)
    .filter(([k, v]) => v !== null && v !== undefined && typeof v !== 'object' && !hidden.has(k))
    .map(([k, v]) => {
      const text = String(v);
      if (isoInstant.test(text)) return `${k}: ${formatInstant(text, timeZone)}`;
      return `${k}: ${names.get(text) ?? text}`;
    });
  if (Array.isArray(detail.recipients)) parts.push(`${detail.recipients.length} notified`);
  return parts.join(' · ');
}

function SlaTimeline({ view, now, timeZone }: { view: DeadlineView; now: number; timeZone: string }) {
  const bands = slaBands(view, now);
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (!first || !last) return null;
  const span = Math.max(1, last.to - first.from);
  const summary = bands.map((b) => `${b.label} from ${formatInstant(new Date(b.from).toISOString(), timeZone)}`).join('; ');
  return (
    <figure className="sla">
      <div className="bands" role="img" aria-label={`SLA timeline: ${summary}`}>
        {bands.map((b) => (
          <span key={`${b.tone}-${b.from}`} className={`band tone-${b.tone}`} style={{ width: `${((b.to - b.from) / span) * 100}%` }} />
        ))}
      </div>
      <figcaption>
        <ul className="legend">
          {bands.map((b) => (
            <li key={`${b.tone}-${b.from}`}>
              <span className={`swatch tone-${b.tone}`} aria-hidden="true" /> {b.label}:{' '}
              {formatInstant(new Date(b.from).toISOString(), timeZone)} → {formatInstant(new Date(b.to).toISOString(), timeZone)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** One deadline (issue 15 item 3): why it is due then, its SLA timeline, acknowledge with a note, re-assign with a reason. */
export function DeadlinePage() {
  const { deadlineId = '' } = useParams();
  const api = useApi();
  const config = useConfig();
  const { session } = useAuth();
  const viewer = session.status === 'signed-in' ? session.viewer : undefined;
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [staffId, setStaffId] = useState('');
  const now = useNow();

  const view = useQuery({
    queryKey: ['deadline', deadlineId],
    queryFn: ({ signal }) => api<DeadlineView>('notifications', `/deadline-queue/${encodeURIComponent(deadlineId)}`, { signal }),
  });
  const supervisor = viewer ? isSupervisor(viewer) : false;
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => api<{ people: StaffPerson[] }>('notifications', '/organisation/people'),
  });
  const names = new Map((people.data?.people ?? []).map((p) => [p.staffId, p.displayName]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['deadline', deadlineId] });
  const acknowledge = useMutation({
    mutationFn: (body: { note?: string }) =>
      api('notifications', `/escalations/${encodeURIComponent(deadlineId)}/acknowledge`, { method: 'POST', body }),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
  });
  const reassign = useMutation({
    mutationFn: (body: { staffId: string; reason: string }) =>
      api<QueueItem>('notifications', `/deadline-queue/${encodeURIComponent(deadlineId)}/reassign`, { method: 'POST', body }),
    onSuccess: async () => {
      setReason('');
      await refresh();
    },
  });

  if (view.isPending) return <Loading what="the deadline" />;
  if (view.isError)
    return (
      <ErrorBox error={view.error}>
        <p>
          <Link to="/queue">Back to the queue</Link>
        </p>
      </ErrorBox>
    );
  const { item, timeline } = view.data;
  const state = displayState(item);
  const canAcknowledge = item.escalation?.status === 'open';

  return (
    <article aria-labelledby="deadline-title">
      <p>
        <Link to="/queue">← Deadline queue</Link>
      </p>
      <h1 id="deadline-title">
        <code>{item.ruleId}</code> <span className={`badge tone-${state.tone}`}>{state.label}</span>
      </h1>
      <dl className="facts">
        <dt>Citation</dt>
        <dd>{item.citation}</dd>
        <DueFacts item={item} now={now} timeZone={config.timeZone} nobody="Nobody yet" />
        <dt>Escalation</dt>
        <dd>
          {item.escalation ? (
            <>
              Level {item.escalation.level}, {item.escalation.status}; <NextStep item={item} timeZone={config.timeZone} />
            </>
          ) : (
            'None'
          )}
        </dd>
        <dt>Family</dt>
        <dd>
          <Link to={`/families/${item.familyId}`}>Family timeline across both agencies</Link>
        </dd>
      </dl>

      <h2>SLA timeline</h2>
      <SlaTimeline view={view.data} now={now} timeZone={config.timeZone} />
      <ol className="timeline" aria-label="What happened">
        {timeline.map((t, i) => (
          <li key={`${t.at}-${t.kind}-${i}`}>
            <time dateTime={t.at}>{formatInstant(t.at, config.timeZone)}</time> <strong>{kindLabels[t.kind] ?? t.kind}</strong>
            {t.level !== undefined ? ` · level ${t.level}` : ''}
            {Object.keys(t.detail).length > 0 ? <span className="detail"> · {describe(t.detail, config.timeZone, names)}</span> : null}
          </li>
        ))}
      </ol>

      {canAcknowledge && (
        <form
          className="action"
          aria-labelledby="ack-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            acknowledge.mutate(note.trim() ? { note: note.trim() } : {});
          }}
        >
          <h2 id="ack-title">Acknowledge</h2>
          <label>
            Note (what you are doing about it; no personal data)
            <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={acknowledge.isPending}>
            Acknowledge
          </button>
          {acknowledge.isError && <ErrorBox error={acknowledge.error} />}
        </form>
      )}
      {acknowledge.isSuccess && <p role="status">Acknowledged: the ladder stops.</p>}

      {supervisor && (
        <form
          className="action"
          aria-labelledby="reassign-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            reassign.mutate({ staffId, reason: reason.trim() });
          }}
        >
          <h2 id="reassign-title">Re-assign</h2>
          <label>
            To
            <select value={staffId} required onChange={(e) => setStaffId(e.target.value)}>
              <option value="">Choose a worker</option>
              {people.data?.people.map((p) => (
                <option key={p.staffId} value={p.staffId}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason
            <input value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={reassign.isPending}>
            Re-assign
          </button>
          {reassign.isError && <ErrorBox error={reassign.error} />}
          {reassign.isSuccess && <p role="status">Re-assigned.</p>}
        </form>
      )}
    </article>
  );
}
