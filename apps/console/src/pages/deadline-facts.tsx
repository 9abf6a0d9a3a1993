import type { QueueItem } from '../api/types';
import { formatInstant, timeLeft } from '../app/dates';
import { roleLabels, stateLabels } from './labels';

/** The state a supervisor reads first: acknowledged or escalated (with its level) before the clock's own stage. */
export function displayState(item: QueueItem): { label: string; tone: string } {
  if (item.escalation?.status === 'acknowledged') return { label: 'Acknowledged', tone: 'ack' };
  if (item.escalation?.status === 'open' && item.escalation.level >= 1)
    return { label: `Escalated · level ${item.escalation.level}`, tone: 'escalated' };
  return { label: stateLabels[item.state] ?? item.state, tone: item.state };
}

/** Who is told next and when (or, once acknowledged, when the ladder re-opens unless the deadline is met). */
export function NextStep({ item, timeZone }: { item: QueueItem; timeZone: string }) {
  const next = item.escalation?.next;
  if (!item.escalation) return <span>No escalation</span>;
  if (!next) return <span>No further level</span>;
  const who = item.escalation.nextRecipients.map((p) => p.displayName).join(', ');
  return (
    <span>
      {item.escalation.status === 'acknowledged' ? 'Unless met, re-opens at level ' : 'Level '}
      {next.level}: {roleLabels[next.role] ?? next.role}
      {who ? ` (${who})` : ''} at {formatInstant(next.at, timeZone)}
    </span>
  );
}

/** Due, why on that date (the clock's explanation), who carries it: the same on the queue and the deadline's page. */
export function DueFacts({ item, now, timeZone, nobody }: { item: QueueItem; now: number; timeZone: string; nobody: string }) {
  return (
    <>
      <dt>Due</dt>
      <dd>
        {formatInstant(item.dueAt, timeZone)} ({timeLeft(item.dueAt, now)})
      </dd>
      <dt>Why this date</dt>
      <dd className="explanation">{item.explanation ?? 'No explanation was published with this deadline'}</dd>
      <dt>Assigned</dt>
      <dd>{item.assignee?.displayName ?? nobody}</dd>
    </>
  );
}
