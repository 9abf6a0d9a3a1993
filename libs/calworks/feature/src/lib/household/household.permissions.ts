import type { Permission } from '@linkages/platform-access';

/**
 * The permissions of CalWORKs casework (AUs, members, WTW). They are named here until the platform's permission table
 * (libs/platform/access roles.ts, owned by the platform) lists them for `calworks.worker` / `calworks.supervisor`;
 * until then no role holds them and the guard closes these routes (deny by default). The cast goes once they exist.
 */
export const calworksRecordRead = 'calworks.record.read' as Permission;
export const calworksRecordWrite = 'calworks.record.write' as Permission;
