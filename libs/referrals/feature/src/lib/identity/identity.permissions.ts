import type { Permission } from '@linkages/platform-access';

// The Linkages permissions of issue 13 (libs/platform/access roles.ts): the liaison and both supervisors review matches;
// every role reads the shared family. Typed through Permission so a rename breaks the build once they are in the table.
export const linkagesMatchReview = 'linkages.match.review' as Permission;
export const linkagesFamilyRead = 'linkages.family.read' as Permission;
