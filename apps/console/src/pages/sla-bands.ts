import type { DeadlineView } from '../api/types';

export interface Band {
  from: number;
  to: number;
  tone: 'reminded' | 'due' | 'overdue' | 'acknowledged' | 'closed';
  label: string;
}

/**
 * The colour bands of a deadline's SLA timeline: from its first reminder to due (reminded), due to overdue, overdue
 * until acknowledged or met, and after an acknowledgment. Instants in epoch ms; `now` closes the open band.
 */
export function slaBands(view: DeadlineView, now: number): Band[] {
  const at = (kinds: string[]) =>
    view.timeline
      .filter((t) => kinds.includes(t.kind))
      .map((t) => new Date(t.at).getTime())
      .sort((a, b) => a - b)[0];
  const due = new Date(view.item.dueAt).getTime();
  const reminded = at(['warning', 'reminder']);
  const overdue = at(['overdue', 'started']) ?? (now > due ? due : undefined);
  const acknowledged = at(['acknowledged']);
  const closed = at(['satisfied', 'met', 'cancelled', 'resolved']);
  const end = closed ?? now;
  const bands: Band[] = [];
  if (reminded !== undefined && reminded < due)
    bands.push({ from: reminded, to: Math.min(due, end), tone: 'reminded', label: 'Reminded, not yet due' });
  if (overdue !== undefined && overdue > due) bands.push({ from: due, to: Math.min(overdue, end), tone: 'due', label: 'Due' });
  if (overdue !== undefined && end > overdue) {
    const until = acknowledged !== undefined && acknowledged < end ? acknowledged : end;
    bands.push({ from: overdue, to: until, tone: 'overdue', label: 'Overdue, escalating' });
    if (acknowledged !== undefined && acknowledged < end)
      bands.push({ from: acknowledged, to: end, tone: 'acknowledged', label: 'Acknowledged' });
  }
  return bands.filter((b) => b.to > b.from);
}
