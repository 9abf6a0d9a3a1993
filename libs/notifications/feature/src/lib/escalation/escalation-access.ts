import { auditActor } from '@linkages/platform-auth';
import { staffIdOf, type Principal } from '@linkages/platform-access';
import { agencyOfOwnerService } from '@linkages/notifications-domain';
import type { ServiceName } from '@linkages/shared-contracts';
import type { EscalationRead } from './escalation-handles';

export interface EscalationCtx {
  principal: Principal;
  correlationId: string;
}

/** Whether the caller may see an escalation: notified at one of its levels, or a supervisor of its agency in its county. */
export function mayReadEscalation(principal: Principal, { row, view }: EscalationRead): boolean {
  const me = staffIdOf(principal.subject);
  if (Object.values(view.recipients).some((rs) => rs.some((r) => r.staffId === me))) return true;
  const agency = agencyOfOwnerService(row.ownerService as ServiceName);
  return (
    principal.county === row.countyCode &&
    principal.agency === agency &&
    principal.roles.some((r) => r === 'cws.supervisor' || r === 'calworks.supervisor')
  );
}

export const actorOf = (principal: Principal) => auditActor(principal);
