import { roleAgency, staffIdOf, type Principal } from '@linkages/platform-access';
import type { QueueVisibility } from '@linkages/notifications-data-access';
import { agencyOfOwnerService } from '@linkages/notifications-domain';
import { serviceNames, type ServiceName } from '@linkages/shared-contracts';

export interface DeadlineQueueCtx {
  principal: Principal;
  correlationId: string;
}

const supervisorRoles = new Set(['cws.supervisor', 'calworks.supervisor']);

/** Whether the caller holds a supervisor (or manager) role of their own agency. */
export const isSupervisor = (principal: Principal): boolean =>
  principal.roles.some((r) => supervisorRoles.has(r) && roleAgency[r] === principal.agency);

/**
 * Who sees which items (as mayReadEscalation decides for an escalation): the caller's county only; there, every
 * item of an owner service of the agency they supervise, else those assigned to them or whose escalation notified them.
 */
export function queueVisibilityOf(principal: Principal): QueueVisibility {
  return {
    countyCode: principal.county,
    supervisedOwnerServices: isSupervisor(principal) ? serviceNames.filter((s) => agencyOfOwnerService(s) === principal.agency) : [],
    staffId: staffIdOf(principal.subject),
  };
}

/** Whether the caller supervises the item's agency in its county (who may re-assign it). */
export const supervisesItem = (principal: Principal, item: { countyCode: string; ownerService: string }): boolean =>
  isSupervisor(principal) &&
  principal.county === item.countyCode &&
  agencyOfOwnerService(item.ownerService as ServiceName) === principal.agency;
