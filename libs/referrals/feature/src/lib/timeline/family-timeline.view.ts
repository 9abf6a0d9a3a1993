import type { TimelineAgency } from '@linkages/referrals-domain';

export interface TimelineEntryView {
  seq: number;
  eventId: string;
  eventType: string;
  agency: TimelineAgency;
  kind: string;
  label: string;
  occurredAt: string;
  subject: string;
}

export interface TimelineClockView {
  deadlineId: string;
  purpose: string;
  ruleId: string;
  status: string;
  dueAt: string | null;
  citation: string | null;
  explanation: string | null;
  subject: string;
}

export interface FamilyTimelineView {
  familyId: string;
  entries: TimelineEntryView[];
  clocks: TimelineClockView[];
  disclosure: { basis: string; citation: string; classes: string[]; authorityIds: string[] };
}
