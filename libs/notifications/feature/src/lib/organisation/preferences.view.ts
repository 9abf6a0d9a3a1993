import { ESCALATION_ZONE, type Person } from '@linkages/notifications-domain';
import type { PreferencesResponse } from './organisation.schemas';

/** Said with every answer, because quiet hours are a promise with one exception. */
export const legallyUrgentNote =
  'Legally urgent escalations (an immediate response, a detention petition) ignore these preferences: they are never delayed, muted, digested or throttled, and during your quiet hours they go to your coverage at once. Ordinary e-mail and webhook notifications are not sent during quiet hours or on a channel you switched off; the in-app inbox receives everything.';

export const preferencesOf = (p: Person): PreferencesResponse => ({
  staffId: p.staffId,
  quietHours: p.quietHours ?? null,
  channels: p.channels,
  timeZone: ESCALATION_ZONE,
  legallyUrgent: legallyUrgentNote,
});
