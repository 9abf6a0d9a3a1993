import type { FieldSpec } from '@linkages/platform-access';

/**
 * The coordinated plan as the sharing policy weighs it (RULES.md 5). A CWS activity's times, hours and dates are facts
 * (CalWORKs staff see a CWS block as busy time, and the conflict with its code and reason); what the service is — its
 * type, title and place — is a CWS detail, shown to CalWORKs only under a recorded consent or MDT membership
 * (substance-use records: 42 CFR Part 2 through WIC 18986.46's authorization). CalWORKs' own activities are shown whole.
 * A field without a class here is never disclosed (redact drops it).
 */
export const cwsPlanActivityClassification = {
  id: 'key',
  agency: 'key',
  source: 'fact',
  personRecordId: 'key',
  kind: 'fact',
  typeCode: 'detail',
  title: 'detail',
  weeklyHours: 'fact',
  slots: [{ day: 'fact', start: 'fact', end: 'fact' }],
  startsOn: 'fact',
  endsOn: 'fact',
  requiresChildCare: 'fact',
  requiresTransport: 'fact',
  location: 'detail',
  status: 'fact',
  wtwCount: 'fact',
} as const satisfies FieldSpec;

/** A conflict: its code, the activities and the reason (built from kinds, days and hours only) are facts. */
export const planConflictClassification = {
  id: 'key',
  code: 'fact',
  personRecordId: 'key',
  activityIds: ['key'],
  reason: 'fact',
  flaggedAt: 'fact',
  resolvedAt: 'fact',
} as const satisfies FieldSpec;
