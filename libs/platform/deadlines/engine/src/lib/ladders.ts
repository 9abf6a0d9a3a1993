import type { EscalationLevel, ReminderStage } from './policy';

// Default reminder and escalation shapes. A rule picks the one that fits its length; a county may override.
// The ladders climb worker → supervisor → manager → the unit's manager on duty, the terminal catch-all (issue 14),
// who is notified again at intervals (capped) until someone acknowledges; the escalation then waits, never ends.
export const hoursLadder: EscalationLevel[] = [
  { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT1H' },
  { level: 2, role: 'supervisor', acknowledgeWithin: 'PT2H' },
  { level: 3, role: 'manager', acknowledgeWithin: 'PT4H' },
  { level: 4, role: 'manager-on-duty', acknowledgeWithin: 'PT2H', repeat: { every: 'PT2H', max: 3 } },
];
export const daysLadder: EscalationLevel[] = [
  { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT8H' },
  { level: 2, role: 'supervisor', acknowledgeWithin: 'P1D' },
  { level: 3, role: 'manager', acknowledgeWithin: 'P2D' },
  { level: 4, role: 'manager-on-duty', acknowledgeWithin: 'P1D', repeat: { every: 'P1D', max: 2 } },
];
export const hoursReminders: ReminderStage[] = [
  { before: 'PT12H', notify: 'assigned-worker' },
  { before: 'PT4H', notify: 'supervisor' },
];
export const shortReminders: ReminderStage[] = [{ before: 'P1D', notify: 'assigned-worker' }];
export const daysReminders: ReminderStage[] = [
  { before: 'P3D', notify: 'assigned-worker' },
  { before: 'P1D', notify: 'supervisor' },
];
export const monthsReminders: ReminderStage[] = [
  { before: 'P30D', notify: 'assigned-worker' },
  { before: 'P14D', notify: 'assigned-worker' },
  { before: 'P7D', notify: 'supervisor' },
];
