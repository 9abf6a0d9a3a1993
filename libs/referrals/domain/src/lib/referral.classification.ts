import type { FieldSpec } from '@linkages/platform-access';

/**
 * Every field of the view, classified (RULES.md 5). A field added to ReferralView without a class here is never
 * disclosed to anyone (redact drops unclassified fields) and fails the classification test.
 */
export const referralClassification = {
  id: 'key',
  familyId: 'key',
  countyCode: 'key',
  status: 'key',
  createdAt: 'key',
  caseType: 'fact',
  cwsCaseNumber: 'fact',
  calworksCaseNumber: 'fact',
  calworksAided: 'fact',
  removedOn: 'fact',
  childrenRemoved: 'fact',
  memberCount: 'fact',
  members: [{ personId: 'key', role: 'fact', firstName: 'identity', lastName: 'identity', dateOfBirth: 'identity', ssnMasked: 'identity' }],
  allegations: 'detail',
  safetyConcerns: 'detail',
  servicesRecommended: 'detail',
  reporter: { name: 'reporter', phone: 'reporter', relationship: 'reporter' },
} as const satisfies FieldSpec;
