import type { FieldSpec } from '@linkages/platform-access';

// The family timeline (issue 13, Deliver 6): every consumed and own event of a shared family, mapped to one entry
// (what kind of step, in plain words, when it happened). Built from the event's key and fact fields only, so an entry
// never carries more than the event view (WIC 10850) let leave its agency.

export type TimelineAgency = 'cws' | 'calworks' | 'linkages';

/** An event as the timeline reads it (a CloudEvent: `type` gov.ca.linkages.<domain>.<name>.v<major>, `time`, `data`). */
export interface TimelineEvent {
  id: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
  /** The producing service (CloudEvent `source` or the producer header), when known: deadline events are any agency's. */
  source?: string;
}

export interface TimelineEntry {
  /** The event's name, e.g. `child-removed`, `deadline-overdue`. */
  kind: string;
  agency: TimelineAgency;
  label: string;
  /** When the step happened (the fact's own instant or date; the event's time when it has none). */
  occurredAt: string;
}

/** The parts of an event type: `gov.ca.linkages.cws.child-removed.v1` → domain `cws`, name `child-removed`. */
export function eventTypeParts(type: string): { domain: string; name: string } {
  const m = /^gov\.ca\.linkages\.([a-z-]+)\.([a-z0-9-]+)\.v\d+$/.exec(type);
  return m ? { domain: m[1] as string, name: m[2] as string } : { domain: 'unknown', name: type };
}

const agencyOfSource = (source: string | undefined): TimelineAgency | undefined => {
  if (!source) return undefined;
  if (/child-welfare|cws/.test(source)) return 'cws';
  if (/calworks/.test(source)) return 'calworks';
  if (/referrals|linkages/.test(source)) return 'linkages';
  return undefined;
};

/** Which agency's step an event is: by its domain; a deadline event by the service that owns the clock. */
export function timelineAgencyOf(event: Pick<TimelineEvent, 'type' | 'data' | 'source'>): TimelineAgency {
  const { domain } = eventTypeParts(event.type);
  if (domain === 'cws') return 'cws';
  if (domain === 'calworks') return 'calworks';
  if (domain === 'deadlines') {
    const owner = typeof event.data['ownerService'] === 'string' ? event.data['ownerService'] : undefined;
    return agencyOfSource(owner) ?? agencyOfSource(event.source) ?? 'linkages';
  }
  return 'linkages';
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

type Labeller = (d: Record<string, unknown>) => string;

/** Plain-words labels of the events the timeline knows; any other event is labelled by its name. */
const labels: Record<string, Labeller> = {
  'referral-accepted': (d) => `Child welfare accepted a referral${s(d['path']) ? ` (${s(d['path'])})` : ''}`,
  'referral-evaluated-out': (d) => `Child welfare evaluated a referral out${d['povertyOnly'] === true ? ' (poverty alone, AB 2085)' : ''}`,
  'case-opened': (d) => `Child welfare opened ${s(d['caseType']) ?? 'a'} case`,
  'case-closed': () => 'Child welfare closed the case',
  'case-plan-filed': (d) => `Child welfare filed ${d['kind'] === 'initial' ? 'the initial' : 'an updated'} case plan`,
  'child-removed': (d) => (d['allChildrenRemoved'] === true ? 'All children removed from the home' : 'A child removed from the home'),
  'child-reunified': (d) => (d['trialHomeVisit'] === true ? 'A child returned home on a trial home visit' : 'A child returned home'),
  'reunification-services-ordered': (d) =>
    `Family reunification services ordered${n(d['servicesMonths']) ? ` for ${n(d['servicesMonths'])} months` : ''}`,
  'reunification-services-terminated': () => 'Family reunification services terminated',
  'parental-rights-terminated': () => 'Parental rights terminated',
  'fr-services-good-cause-granted': () => 'Good cause found to continue FR services',
  'cft-meeting-held': (d) => `CFT meeting held${d['calworksWorkerInvited'] === true ? ' with the CalWORKs worker invited' : ''}`,
  'noncompliance-started': () => 'WTW noncompliance notice issued',
  'good-cause-found': () => 'Good cause found for WTW noncompliance',
  'compliance-plan-signed': () => 'WTW compliance plan signed',
  'sanction-imposed': () => 'WTW sanction imposed',
  'sanction-cured': () => 'WTW sanction cured',
  'wtw-plan-signed': (d) => `WTW plan signed${Array.isArray(d['activities']) ? ` (${d['activities'].length} activities)` : ''}`,
  'supportive-service-changed': (d) =>
    `Supportive service ${s(d['type']) ?? ''} ${s(d['status']) ?? 'changed'}`.replace(/\s+/g, ' ').trim(),
  'aided-status-recorded': (d) => `CalWORKs status: ${s(d['status']) ?? 'recorded'}`,
  'fr-aid-window-opened': () => 'CalWORKs FR aid window opened',
  'fr-aid-window-closed': () => 'CalWORKs FR aid window closed',
  'temporary-absence-started': () => 'CalWORKs temporary absence started',
  'removal-members-confirmed': () => 'CalWORKs confirmed the AU members the removal concerns',
  'family-referred': () => 'Family referred to Linkages',
  'prevention-referred': (d) =>
    `CalWORKs household referred to Linkages Prevention${Array.isArray(d['riskFactors']) && d['riskFactors'].length > 0 ? ` (${d['riskFactors'].length} risk factors)` : ''}`,
  'special-population-facts-recorded': (d) => {
    const facts = [
      ...(d['homeless'] === true ? ['homeless'] : d['homeless'] === false ? ['not homeless'] : []),
      ...(Array.isArray(d['parentAgeBands']) && d['parentAgeBands'].includes('under-20') ? ['teen parent'] : []),
    ];
    return `Special-population facts recorded${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
  },
  'family-linked': (d) => `${d['agency'] === 'calworks' ? 'CalWORKs' : 'Child welfare'} record linked to the shared family`,
  'family-unlinked': (d) => `${d['agency'] === 'calworks' ? 'CalWORKs' : 'Child welfare'} record unlinked from the shared family`,
  'strategy-enrolled': (d) => `Enrolled in Linkages strategy ${s(d['strategy']) ?? ''}`.trim(),
  'coordination-task-changed': (d) => `Coordination task ${s(d['task']) ?? ''} ${s(d['status']) ?? ''}`.replace(/\s+/g, ' ').trim(),
  'plan-conflict-flagged': (d) => `Plan conflict flagged: ${s(d['code']) ?? 'conflict'}`,
  'sharing-authority-ended': (d) =>
    `${d['kind'] === 'mdt' ? 'MDT information window' : 'Consent to share'} ended (${s(d['reason']) ?? 'ended'})`,
  'deadline-warning': (d) => `Deadline approaching: ${s(d['ruleId']) ?? 'a deadline'}`,
  'deadline-due': (d) => `Deadline due: ${s(d['ruleId']) ?? 'a deadline'}`,
  'deadline-overdue': (d) => `Deadline overdue: ${s(d['ruleId']) ?? 'a deadline'}`,
  'deadline-satisfied': (d) => `Deadline met: ${s(d['ruleId']) ?? 'a deadline'}`,
  'deadline-extended': (d) => `Deadline extended: ${s(d['ruleId']) ?? 'a deadline'}`,
  'deadline-moved-earlier': (d) => `Deadline moved earlier: ${s(d['ruleId']) ?? 'a deadline'}`,
};

/** The fact's own instant or date, first found, in this order; the event's time otherwise. */
const occurredFields = [
  'removedAt',
  'acceptedAt',
  'evaluatedOutAt',
  'returnedOn',
  'openedOn',
  'closedOn',
  'filedOn',
  'orderedOn',
  'terminatedOn',
  'grantedOn',
  'heldOn',
  'noticeIssuedOn',
  'determinedOn',
  'signedOn',
  'imposedOn',
  'curedOn',
  'effectiveOn',
  'inPlaceOn',
  'confirmedAt',
  'referredAt',
  'endedAt',
  'overdueSince',
  'changedOn',
  'at',
];

/** One timeline entry of an event: its kind, agency, a label in plain words (facts only) and when it happened. */
export function timelineEntryOf(event: TimelineEvent): TimelineEntry {
  const { name } = eventTypeParts(event.type);
  const label = labels[name]?.(event.data) ?? name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const occurredAt = occurredFields.map((f) => s(event.data[f])).find((v) => v !== undefined) ?? event.time;
  return { kind: name, agency: timelineAgencyOf(event), label, occurredAt };
}

/** What the timeline view shows of an entry or a clock (deny by default: unclassified fields are dropped). */
export const timelineClassification = {
  seq: 'key',
  eventId: 'key',
  eventType: 'fact',
  agency: 'key',
  kind: 'fact',
  label: 'fact',
  occurredAt: 'fact',
  subject: 'key',
} as const satisfies FieldSpec;

/** A referrals clock on the timeline: its rule, when due, its state and why it is due then. */
export const timelineClockClassification = {
  deadlineId: 'key',
  purpose: 'fact',
  ruleId: 'fact',
  status: 'fact',
  dueAt: 'fact',
  citation: 'fact',
  explanation: 'fact',
  subject: 'key',
} as const satisfies FieldSpec;
