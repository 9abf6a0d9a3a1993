import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { OrganisationRepository } from '@linkages/notifications-data-access';
import { RECIPIENT_DIRECTORY } from '@linkages/notifications-domain';
import { createOrganisationActivities, recipientDirectoryOver } from './organisation.activities';

export const ORGANISATION_ACTIVITIES = Symbol('ORGANISATION_ACTIVITIES');

/** resolveRecipients for the notifications worker. */
export const organisationActivitiesProvider: ActivitiesProvider = {
  provide: ORGANISATION_ACTIVITIES,
  inject: [getDataSourceToken(), OrganisationRepository],
  useFactory: (dataSource: DataSource, organisation: OrganisationRepository) => createOrganisationActivities({ dataSource, organisation }),
};

/** The RecipientDirectory delivery injects (RECIPIENT_DIRECTORY). */
export const recipientDirectoryProvider = {
  provide: RECIPIENT_DIRECTORY,
  inject: [getDataSourceToken(), OrganisationRepository],
  useFactory: (dataSource: DataSource, organisation: OrganisationRepository) => recipientDirectoryOver(dataSource, organisation),
};
