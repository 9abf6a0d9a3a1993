import type { Permission } from '@linkages/platform-access';

/** The permissions of CalWORKs casework (AUs, members, WTW), as the platform's role table grants them. */
export const calworksRecordRead: Permission = 'calworks.record.read';
export const calworksRecordWrite: Permission = 'calworks.record.write';
