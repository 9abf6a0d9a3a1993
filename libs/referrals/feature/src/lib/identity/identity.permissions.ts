import type { Permission } from '@linkages/platform-access';

// The Linkages permissions of issue 13 (libs/platform/access roles.ts): the liaison and both supervisors review matches;
// every role reads the shared family.
export const linkagesMatchReview = 'linkages.match.review' satisfies Permission;
export const linkagesFamilyRead = 'linkages.family.read' satisfies Permission;
