import type { DataSource } from 'typeorm';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import {
  agencyOfOwnerService,
  resolveRole,
  type EscalationActivities,
  type RecipientDirectory,
  type ResolveRecipientsRequest,
  type ResolveRecipientsResult,
} from '@linkages/notifications-domain';

export interface OrganisationActivityDeps {
  dataSource: DataSource;
  organisation: OrganisationRepository;
}

/**
 * Who a ladder role is at the instant a level fires: the organisation as it stands in PostgreSQL (edits through the API
 * take effect at the next level, never in a level already raised), resolved by the pure `resolveRole`.
 */
export function createOrganisationActivities(deps: OrganisationActivityDeps): Pick<EscalationActivities, 'resolveRecipients'> {
  return {
    async resolveRecipients(req: ResolveRecipientsRequest): Promise<ResolveRecipientsResult> {
      const agency = agencyOfOwnerService(req.subject.ownerService);
      const snapshot = await deps.organisation.snapshot(deps.dataSource.manager, req.subject.countyCode, agency, req.at);
      return resolveRole(snapshot, req);
    },
  };
}

/** Delivery reads contacts through this (the person's own row: e-mail, quiet hours, channels). */
export function recipientDirectoryOver(dataSource: DataSource, organisation: OrganisationRepository): RecipientDirectory {
  return { contactOf: (staffId) => organisation.contactOf(dataSource.manager, staffId) };
}
