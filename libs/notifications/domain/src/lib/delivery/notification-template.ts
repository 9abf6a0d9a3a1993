import { DateTime } from 'luxon';
import type { DeliverRequest, RecipientContact } from '../escalation/escalation-activities.contract';

/** What a notification says on every channel (no personal data: ids, codes, instants and the rule's explanation). */
export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
  /** Whether the recipient saw only the sharing-policy minimum (a CWS deadline, a recipient outside CWS). */
  minimal: boolean;
}

export interface TemplateContext {
  /** The console's base URL (PUBLIC_BASE_URL). */
  consoleUrl: string;
  /** The signed acknowledgment link (absent for reminders and the terminal level). */
  ackLink?: string;
  /** The county's IANA time zone (instants are written in county time). */
  timeZone: string;
}

const KIND_TITLE: Record<DeliverRequest['kind'], string> = {
  reminder: 'Reminder: a deadline is coming up',
  escalation: 'Escalation: an overdue deadline needs attention',
  repeat: 'Repeated escalation: an overdue deadline still needs attention',
  reopened: 'Escalation re-opened: the deadline still has no legal action',
};

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An instant in county time, e.g. `2026-12-02 09:00 PST`. */
export function countyTime(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm ZZZZ');
}

/**
 * Whether the recipient may see the deadline's details under the sharing policy: a child-welfare deadline shows its
 * rule, citation, subject and explanation to CWS staff only; others receive the minimum.
 */
export function maySeeDetails(req: Pick<DeliverRequest, 'subject'>, contact: Pick<RecipientContact, 'agency'>): boolean {
  if (req.subject.ownerService === 'child-welfare') return contact.agency === 'cws';
  return true;
}

/** Renders the notification for one recipient (reminder, escalation, repeat, re-opened). */
export function renderNotification(
  req: DeliverRequest,
  contact: Pick<RecipientContact, 'agency'>,
  ctx: TemplateContext,
): RenderedNotification {
  const detailed = maySeeDetails(req, contact);
  const title = KIND_TITLE[req.kind];
  const lines: string[] = [];
  if (detailed) {
    lines.push(`Rule: ${req.subject.ruleId} (${req.subject.citation})`);
    lines.push(`Family: ${req.subject.familyId}; subject ${req.subject.subjectRef}; county ${req.subject.countyCode}`);
    lines.push(`Due: ${countyTime(req.subject.dueAt, ctx.timeZone)}`);
    if (req.kind !== 'reminder') lines.push(`Overdue since: ${countyTime(req.subject.overdueSince, ctx.timeZone)}`);
    if (req.subject.explanation) lines.push(`Why it is due then: ${req.subject.explanation}`);
    if (req.level > 0) lines.push(`Escalation level: ${req.level}`);
  } else {
    lines.push(`A deadline in a family your agency shares needs attention (county ${req.subject.countyCode}).`);
  }
  const todo: string[] = [];
  if (req.acknowledgeBy) todo.push(`Acknowledge by ${countyTime(req.acknowledgeBy, ctx.timeZone)}.`);
  if (ctx.ackLink) todo.push(`Acknowledge: ${ctx.ackLink}`);
  todo.push(`Open the console: ${ctx.consoleUrl}`);
  const text = [title, '', ...lines, '', 'What to do:', ...todo, ''].join('\n');
  const html = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    '<h2>What to do</h2>',
    req.acknowledgeBy ? `<p>Acknowledge by ${escapeHtml(countyTime(req.acknowledgeBy, ctx.timeZone))}.</p>` : '',
    ctx.ackLink ? `<p><a href="${escapeHtml(ctx.ackLink)}">Acknowledge</a></p>` : '',
    `<p><a href="${escapeHtml(ctx.consoleUrl)}">Open the console</a></p>`,
  ].join('');
  const subject = detailed ? `${title} (${req.subject.ruleId})` : title;
  return { subject, text, html, minimal: !detailed };
}
