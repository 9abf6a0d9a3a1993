import type { EntityManager } from 'typeorm';
import type { Principal } from '@linkages/platform-access';
import { problemException } from '@linkages/platform-http';
import type { WebhookEndpointRepository, WebhookEndpointView } from '@linkages/notifications-data-access';

/** Whose endpoints a caller manages: their agency's in their county (a platform administrator: every agency's there). */
export const agencyScopeOf = (principal: Principal): string | null => (principal.agency === 'platform' ? null : principal.agency);

/** The endpoint, locked, if the caller may manage it; else 404 (another county's or agency's is not revealed). */
export async function endpointInScope(
  tx: EntityManager,
  repo: WebhookEndpointRepository,
  principal: Principal,
  endpointId: string,
): Promise<WebhookEndpointView> {
  const view = await repo.find(tx, endpointId, { lock: true });
  const agency = agencyScopeOf(principal);
  if (!view || view.countyCode !== principal.county || (agency !== null && view.agency !== agency))
    throw problemException('not-found', 'No such webhook endpoint in your agency and county');
  return view;
}

/** The audit entry of an endpoint write: ids, codes and the URL's host only (a query string may hold a token). */
export function endpointAuditDetails(view: WebhookEndpointView, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { agency: view.agency, host: new URL(view.url).host, eventTypes: view.eventTypes, ...extra };
}
