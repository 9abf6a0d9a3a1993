import type { FieldSpec } from '@linkages/platform-access';

/**
 * The coordinated plan as the sharing policy weighs it (RULES.md 5). A CWS activity's times, hours, dates and needs are
 * facts (CalWORKs staff see a CWS block as busy time, and the conflicts on it in neutral words); what the service is —
 * its kind, type, title and place — and its WTW-count mark (only MH, SUD and DV services are candidates, so the mark
 * tells the treatment type) are CWS details, shown to CalWORKs only as `activityDisclosure` decides (a consent or MDT
 * membership; substance-use items only under a consent naming substance-use records, 42 CFR 2.31). CalWORKs' own
 * activities are shown whole. A field without a class here is never disclosed (redact drops it).
 */
export const cwsPlanActivityClassification = {
  id: 'key',
  agency: 'key',
  source: 'fact',
  personRecordId: 'key',
  kind: 'detail',
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
  wtwCount: 'detail',
} as const satisfies FieldSpec;

/**
 * A conflict: its code, the activities and the reason (built from kinds, days and hours only) are facts; a conflict
 * naming a CWS activity shown only as a block has its reason in neutral words (`maskedConflictReason`).
 */
export const planConflictClassification = {
  id: 'key',
  code: 'fact',
  personRecordId: 'key',
  activityIds: ['key'],
  reason: 'fact',
  flaggedAt: 'fact',
  resolvedAt: 'fact',
} as const satisfies FieldSpec;
