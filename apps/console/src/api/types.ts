// The responses the console reads, as the services document them (their OpenAPI documents are the contract).

export type QueueState = 'due-soon' | 'due' | 'overdue' | 'escalated' | 'acknowledged' | 'met' | 'cancelled';

export interface Person {
  staffId: string;
  displayName: string;
}

export interface QueueItem {
  deadlineId: string;
  familyId: string;
  countyCode: string;
  agency: string;
  ownerService: string;
  program: string;
  ruleId: string;
  citation: string;
  subjectRef: string;
  dueAt: string;
  explanation: string | null;
  state: QueueState;
  legallyUrgent: boolean;
  assignee: Person | null;
  unitId: string | null;
  escalation: {
    escalationId: string;
    status: 'open' | 'acknowledged' | 'resolved';
    level: number;
    next: { level: number; role: string; at: string } | null;
    nextRecipients: Person[];
  } | null;
}

export interface QueueResponse {
  items: QueueItem[];
  nextCursor: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  level?: number;
  detail: Record<string, unknown>;
}

export interface DeadlineView {
  item: QueueItem;
  timeline: TimelineEntry[];
}

export interface StaffPerson extends Person {
  agency: string;
  countyCode: string;
  unitId: string;
}

export interface Unit {
  unitId: string;
  name: string;
  agency: string;
}

export interface FamilyTimeline {
  familyId: string;
  entries: {
    seq: number;
    eventId: string;
    eventType: string;
    agency: string;
    kind: string;
    label: string;
    occurredAt: string;
    subject: string;
  }[];
  clocks: {
    deadlineId: string;
    purpose: string;
    ruleId: string;
    status: string;
    dueAt: string | null;
    citation: string | null;
    explanation: string | null;
    subject: string;
  }[];
  disclosure: { basis: string; citation: string; classes: string[]; authorityIds: string[] };
}

export interface CoordinatedPlan {
  familyId: string;
  conflicts: { id: string; code: string; reason: string; shown: 'whole' | 'masked'; flaggedAt: string; resolvedAt: string | null }[];
}

export interface DeadLetter {
  key: string;
  eventId: string | null;
  topic: string;
  deadLetterTopic: string;
  partition: number;
  offset: string;
  type: string | null;
  reason: string;
  failedAt: string;
  attempts: number | null;
  consumerGroup: string | null;
  replayedAt: string | null;
}

export interface WorkflowCounts {
  service: string;
  taskQueue: string;
  namespace: string;
  counts: Record<string, number>;
  temporalUi: { baseUrl: string; namespace: string };
  searchAttributes: string[];
}

export interface Percentiles {
  median: number;
  p90: number;
}

export interface TimelinessRow {
  key: { ruleId?: string; unitId?: string; countyCode?: string; month?: string };
  deadlines: number;
  met: number;
  metOnTime: number;
  metLate: number;
  openOverdue: number;
  onTimePct: number | null;
  latenessHours: Percentiles | null;
  acknowledgeMinutes: Percentiles | null;
  highestLevel: number;
  escalated: number;
}

export interface TimelinessReport {
  from: string;
  to: string;
  groupBy: string[];
  timeZone: string;
  generatedAt: string;
  rows: TimelinessRow[];
}
