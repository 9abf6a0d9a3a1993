import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ApiError, useApi } from '../api/client';
import type { CoordinatedPlan, FamilyTimeline } from '../api/types';
import { useConfig } from '../app/config-context';
import { formatInstant } from '../app/dates';
import { Empty, ErrorBox, Loading } from '../components/states';

const agencyLabels: Record<string, string> = { cws: 'Child welfare', calworks: 'CalWORKs', linkages: 'Linkages' };

/**
 * A shared family across both agencies (issue 15 item 3), from the Linkages coordination service, which redacts it
 * for the viewer (what the sharing policy lets this person see, and on which legal basis), with the coordinated
 * plan's conflicts.
 */
export function FamilyPage() {
  const { familyId = '' } = useParams();
  const api = useApi();
  const config = useConfig();
  const timeline = useQuery({
    queryKey: ['family-timeline', familyId],
    queryFn: ({ signal }) => api<FamilyTimeline>('referrals', `/shared-families/${encodeURIComponent(familyId)}/timeline`, { signal }),
    retry: false,
  });
  const plan = useQuery({
    queryKey: ['family-plan', familyId],
    queryFn: ({ signal }) => api<CoordinatedPlan>('referrals', `/shared-families/${encodeURIComponent(familyId)}/plan`, { signal }),
    retry: false,
  });

  return (
    <article aria-labelledby="family-title">
      <p>
        <Link to="/queue">← Deadline queue</Link>
      </p>
      <h1 id="family-title">Family timeline</h1>
      {timeline.isPending && <Loading what="the family timeline" />}
      {timeline.isError &&
        (timeline.error instanceof ApiError && timeline.error.status === 404 ? (
          <Empty>This family is not a shared Linkages family you may see.</Empty>
        ) : (
          <ErrorBox error={timeline.error} />
        ))}
      {timeline.data && (
        <>
          <p className="disclosure">
            Shown to you on the basis of <strong>{timeline.data.disclosure.basis}</strong> ({timeline.data.disclosure.citation})
            {timeline.data.disclosure.classes.length > 0 ? `: ${timeline.data.disclosure.classes.join(', ')}` : ''}.
          </p>
          <h2>What happened</h2>
          {timeline.data.entries.length === 0 ? (
            <Empty>Nothing recorded yet.</Empty>
          ) : (
            <ol className="timeline">
              {timeline.data.entries.map((e) => (
                <li key={e.eventId} className={`agency-${e.agency}`}>
                  <time dateTime={e.occurredAt}>{formatInstant(e.occurredAt, config.timeZone)}</time>{' '}
                  <strong>{agencyLabels[e.agency] ?? e.agency}</strong>: {e.label}
                </li>
              ))}
            </ol>
          )}
          <h2>Clocks</h2>
          {timeline.data.clocks.length === 0 ? (
            <Empty>No clock you may see.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Status</th>
                  <th scope="col">Due</th>
                  <th scope="col">Why this date</th>
                </tr>
              </thead>
              <tbody>
                {timeline.data.clocks.map((c) => (
                  <tr key={c.deadlineId}>
                    <td>
                      <Link to={`/deadlines/${c.deadlineId}`}>
                        <code>{c.ruleId}</code>
                      </Link>
                      {c.citation ? ` (${c.citation})` : ''}
                    </td>
                    <td>{c.status}</td>
                    <td>{formatInstant(c.dueAt, config.timeZone)}</td>
                    <td className="explanation">{c.explanation ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <h2>Coordinated plan conflicts</h2>
      {plan.isPending && <Loading what="the coordinated plan" />}
      {plan.isError && !(plan.error instanceof ApiError && plan.error.status === 404) && <ErrorBox error={plan.error} />}
      {plan.data &&
        (plan.data.conflicts.length === 0 ? (
          <Empty>No conflict between the two plans.</Empty>
        ) : (
          <ul>
            {plan.data.conflicts.map((c) => (
              <li key={c.id}>
                <strong>{c.code}</strong>: {c.reason}
                {c.resolvedAt ? ` (resolved ${formatInstant(c.resolvedAt, config.timeZone)})` : ''}
              </li>
            ))}
          </ul>
        ))}
    </article>
  );
}
