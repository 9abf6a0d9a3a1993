import type { EscalationLevel, ReminderStage } from './policy';

// Default reminder and escalation shapes. A rule picks the one that fits its length; a county may override.
export const hoursLadder: EscalationLevel[] = [
  { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT1H' },
  { level: 2, role: 'supervisor', acknowledgeWithin: 'PT2H' },
  { level: 3, role: 'manager', acknowledgeWithin: 'PT4H' },
];
export const daysLadder: EscalationLevel[] = [
  { level: 1, role: 'assigned-worker', acknowledgeWithin: 'PT8H' },
  { level: 2, role: 'supervisor', acknowledgeWithin: 'P1D' },
  { level: 3, role: 'manager', acknowledgeWithin: 'P2D' },
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
