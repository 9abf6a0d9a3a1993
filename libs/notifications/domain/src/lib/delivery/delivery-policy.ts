import { DateTime } from 'luxon';
import type { ChannelOutcome, DeliverRequest, RecipientContact } from '../escalation/escalation-activities.contract';

export type Channel = ChannelOutcome['channel'];

/** The idempotency key of one delivery: deadline, level, round, recipient, channel and kind. */
export function deliveryKey(req: DeliverRequest, channel: Channel): string {
  return [req.subject.deadlineId, req.kind, `L${req.level}`, `R${req.round}`, req.recipient.staffId, channel].join(':');
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether `at` falls in the recipient's quiet hours (county local time; the interval may wrap midnight). */
export function inQuietHours(contact: Pick<RecipientContact, 'quietHours'>, at: string, timeZone: string): boolean {
  if (!contact.quietHours) return false;
  const local = DateTime.fromISO(at, { zone: 'utc' }).setZone(timeZone);
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(contact.quietHours.start);
  const end = minutesOf(contact.quietHours.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

export type ChannelDecision = { send: true } | { send: false; detail: string };

/**
 * Whether to use a channel for a recipient: the in-app inbox always; e-mail and webhook per preference and quiet
 * hours, except for a legally urgent notification (never delayed, muted or throttled: preferences ignored).
 */
export function decideChannel(
  channel: Channel,
  req: Pick<DeliverRequest, 'legallyUrgent' | 'at'>,
  contact: RecipientContact,
  timeZone: string,
): ChannelDecision {
  if (channel === 'in-app') return { send: true };
  if (channel === 'email' && !contact.email) return { send: false, detail: 'no-address' };
  if (req.legallyUrgent) return { send: true };
  if (!contact.channels[channel]) return { send: false, detail: 'opted-out' };
  if (inQuietHours(contact, req.at, timeZone)) return { send: false, detail: 'quiet-hours' };
  return { send: true };
}
